package io.github.ssgan.results;

import io.github.ssgan.spec.Techniques;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How to regenerate a run from its result.json alone: the POM fragment of its experiment and the command line that
 * trains exactly that run. The thread count is part of it, since the BLAS gives other digits for other counts.
 */
public final class Reproduction {
    /** The per-experiment settings a POM may declare, in the order a person would write them. */
    private static final List<String> EXPERIMENT_SETTINGS = Stream.concat(Stream.of("labeledFraction",
            "labelsPerClass", "batchSize", "learningRate", "generatorLoss", "unlabeledWeight", "averagingDecay",
            "algorithm"), Techniques.NAMES.stream()).toList();

    private Reproduction() {
    }

    /** The {@code <experiment>} element (and plugin-level limits, when set) that declares this run's experiment. */
    public static String pomFragment(RunResult run) {
        Map<String, Object> c = run.config();
        StringBuilder xml = new StringBuilder();
        for (String limit : List.of("trainLimit", "testLimit")) {
            if (c.get(limit) instanceof Number n && n.intValue() != 0) {
                xml.append('<').append(limit).append('>').append(n).append("</").append(limit).append(">\n");
            }
        }
        xml.append("<experiments>\n  <experiment>\n    <id>").append(run.experiment()).append("</id>\n");
        for (String key : EXPERIMENT_SETTINGS) {
            Object value = c.get(key);
            if (value != null) {
                xml.append("    <").append(key).append('>').append(value).append("</").append(key).append(">\n");
            }
        }
        xml.append("    <epochs>").append(run.epochs()).append("</epochs>\n")
                .append("    <seeds>").append(run.seed()).append("</seeds>\n")
                .append("  </experiment>\n</experiments>");
        return xml.toString();
    }

    /** The command that trains this run (in a project declaring the fragment) to the same digits. */
    public static String commandLine(RunResult run) {
        List<String> args = new ArrayList<>(List.of("mvn", "ssgan:train", "-Dssgan.experiments=" + run.experiment(),
                "-Dssgan.seeds=" + run.seed(), "-Dssgan.epochs=" + run.epochs()));
        if (run.provenance() != null) {
            args.add("-Dssgan.threads=" + run.provenance().threads());
        }
        return String.join(" ", args);
    }
}
