package io.github.ssgan.check;

import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.results.Provenance;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Result files as train writes them, with chosen accuracies: the output directories the gate is tested on. */
public final class Fixtures {
    private final Path out;
    private final List<ExperimentSpec> declared = new ArrayList<>();

    public Fixtures(Path out) {
        this.out = out;
    }

    public Path out() {
        return out;
    }

    /** GAN runs with these final accuracies for seeds 1, 2, …, declared in suite.json. */
    public Fixtures gan(String experiment, int labeled, double... accuracies) {
        for (int i = 0; i < accuracies.length; i++) {
            write(run(experiment, i + 1, labeled, accuracies[i], false), false);
        }
        return declare(experiment, labeled, accuracies.length);
    }

    /** Supervised baseline runs with these final accuracies for seeds 1, 2, …. */
    public Fixtures supervised(String experiment, int labeled, double... accuracies) {
        for (int i = 0; i < accuracies.length; i++) {
            write(run(experiment, i + 1, labeled, accuracies[i], true), true);
        }
        return this;
    }

    /** Declares seeds 1..count of an experiment in suite.json (the last train invocation's spec). */
    public Fixtures declare(String experiment, int labeled, int count) {
        declared.removeIf(e -> e.id().equals(experiment));
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= count; s++) {
            seeds.add(s);
        }
        declared.add(new ExperimentSpec(experiment, labeled / 60000.0, null, 2, seeds, 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0));
        try {
            Json.MAPPER.writeValue(RunDirectory.suiteFile(out).toFile(),
                    new SuiteSpec(declared, 0, 0, 10, 2, out, true, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void write(RunResult r, boolean supervised) {
        r.write(RunDirectory.of(out, r.experiment(), r.seed(), supervised).result());
    }

    static RunResult run(String experiment, long seed, int labeled, double accuracy, boolean supervised) {
        Map<String, Object> config = new TreeMap<>(Map.of("algorithm", "salimans2016-pi-mnist/2",
                "labeledFraction", labeled / 60000.0, "batchSize", 100));
        if (supervised) {
            config.put("objective", RunSpec.SUPERVISED);
        }
        List<EpochMetrics> history = List.of(new EpochMetrics(1, 0.5, 0.5, 2.0, 0.9, accuracy - 0.01, 40.0),
                new EpochMetrics(2, 0.25, 0.5, 2.0, 0.95, accuracy, 40.0));
        return new RunResult(experiment, seed, labeled, labeled / 60000.0, 2, accuracy, history,
                "%064x".formatted(seed * 31 + labeled + (supervised ? 7 : 0)), config,
                new RunResult.DatasetRecord("MNIST", 60000, 10000, Map.of("train-images-idx3-ubyte", "ba891046")),
                new Provenance("0.1.0", "1.0.0-M2.1", "1.0.0-M2.1", "CpuBackend", "OpenBLAS", "Java 17", "Linux",
                        "AMD EPYC", 2, 2, Map.of()), 80.0);
    }
}
