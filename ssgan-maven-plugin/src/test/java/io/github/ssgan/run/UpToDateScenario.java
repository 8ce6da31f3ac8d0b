package io.github.ssgan.run;

import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.results.Provenance;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.SuiteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finished runs and the up-to-date check of {@link UpToDateCheckTest}, apart from it because this class must load
 * where JUnit and AssertJ are absent: in the fresh class loader of {@link UpToDateCheckTest#decidingLoadsNoNd4j}.
 */
public final class UpToDateScenario {
    public static final Map<String, String> SHA = Map.of("train-images-idx3-ubyte", "ba89", "t10k-images-idx3-ubyte", "0fa7");

    private UpToDateScenario() {
    }

    public static SuiteSpec suite(Path out, boolean force) {
        ExperimentSpec a = new ExperimentSpec("labeled-10pct", 0.1, null, 2, List.of(1L, 2L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0);
        ExperimentSpec b = new ExperimentSpec("labels-10", null, 1, 2, List.of(1L), 100, 0.003, GeneratorLoss.COMBINED, 1.0);
        return new SuiteSpec(List.of(a, b), 600, 300, 1, 2, out, false, force);
    }

    /** What the training JVM writes for a finished run: result.json and the final sample sheet. */
    public static void finish(Path out, RunSpec run, Map<String, String> sha, int epochs, double accuracy) throws IOException {
        RunDirectory dir = RunDirectory.of(out, run);
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(new EpochMetrics(e, 0.5, 0.6, 0.7, 0.8, e == epochs ? accuracy : 0.5, 1.5));
        }
        new RunResult(run.experiment().id(), run.seed(), run.experiment().labeledCount(60) * 10, 0.1, epochs, accuracy,
                history, run.configHash(sha), Map.of("experiment", run.experiment().id()),
                new RunResult.DatasetRecord("MNIST", 600, 300, sha),
                new Provenance("0.1.0-SNAPSHOT", "1.0.0-M2.1", "1.0.0-M2.1", "CpuBackend", "OpenBLAS", "Java 17",
                        "Linux", "Some CPU", 2, 2, Map.of()),
                3.0).write(dir.result());
        Files.createDirectories(dir.samples());
        Files.write(dir.sample(epochs), new byte[] {1, 2, 3});
    }

    public static List<String> check(SuiteSpec suite, Map<String, String> sha) {
        List<String> lines = new ArrayList<>();
        boolean upToDate = UpToDateCheck.reportIfUpToDate(suite, sha, new ProgressLog() {
            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }
        });
        lines.add(0, "upToDate=" + upToDate);
        return lines;
    }

    /**
     * A whole up-to-date check (finished runs written, checked, reported with the page) using only this class's own
     * class loader; public so that {@link UpToDateCheckTest#decidingLoadsNoNd4j} can run it in a fresh one.
     */
    public static List<String> run(Path out) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        SuiteSpec suite = suite(out, false);
        double accuracy = 0.81;
        for (RunSpec run : suite.runs()) {
            finish(out, run, SHA, 2, accuracy);
            accuracy += 0.02;
        }
        return check(suite, SHA);
    }
}
