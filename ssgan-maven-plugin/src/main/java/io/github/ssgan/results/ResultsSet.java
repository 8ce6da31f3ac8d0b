package io.github.ssgan.results;

import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The results model: the finished runs of one or more output directories (one machine's, or the shards of several),
 * grouped by experiment with their statistics over seeds and per-epoch curves. The log table, the summary page, the
 * site report and the check all render this one model; none of them computes a number of its own.
 */
public final class ResultsSet {
    private final List<ExperimentResults> experiments;
    private final List<String> problems;

    /**
     * One experiment's finished runs.
     *
     * @param baselineRuns  the finished supervised baseline runs (same labels, seeds and iterations, L_sup alone)
     * @param declaredSeeds the seeds the last train invocation declared (from suite.json), empty when unknown
     * @param directories   where each finished GAN run's files are, by seed (empty for results not read from disk)
     * @param baselineDirectories the same for the baseline runs
     * @param accuracy      final-epoch test accuracy over the seeds
     * @param baseline      the same over the baseline runs (count 0 without any)
     * @param confusion     the final classifiers' test-set confusion, summed over the seeds that wrote one; null if none
     */
    /** A difference of mean accuracies taken at one epoch. */
    public record EpochDifference(int epoch, Statistics.Difference difference) {
    }

    public record ExperimentResults(String experiment, int labeledCount, double labeledFraction, List<RunResult> runs,
                                    List<RunResult> baselineRuns, List<Long> declaredSeeds,
                                    Map<Long, RunDirectory> directories, Map<Long, RunDirectory> baselineDirectories,
                                    Statistics accuracy, Statistics baseline,
                                    Confusion confusion) {
        /** What the GAN adds over supervised training on the same labels: mean accuracy minus the baseline's. */
        public Statistics.Difference gainOverSupervised(double level) {
            return accuracy.minus(baseline, level);
        }

        public List<Long> seeds() {
            return runs.stream().map(RunResult::seed).toList();
        }

        /** Declared seeds without a finished run: still training, or trained on a shard not given. */
        public List<Long> missingSeeds() {
            Set<Long> finished = Set.copyOf(seeds());
            return declaredSeeds.stream().filter(s -> !finished.contains(s)).toList();
        }

        /**
         * Seeds with a GAN run, declared or finished, whose supervised baseline run has no result: what a comparison
         * with the baseline would be missing.
         */
        public List<Long> missingBaselineSeeds() {
            Set<Long> expected = new java.util.TreeSet<>(declaredSeeds);
            expected.addAll(seeds());
            baselineRuns.forEach(r -> expected.remove(r.seed()));
            return List.copyOf(expected);
        }

        /**
         * The last epoch every finished run of this experiment and of {@code other} reached (0 when either has none):
         * where two experiments trained for different numbers of epochs are compared, at the same point of training.
         */
        public int commonEpoch(ExperimentResults other) {
            if (runs.isEmpty() || other.runs.isEmpty()) {
                return 0;
            }
            return java.util.stream.Stream.concat(runs.stream(), other.runs.stream()).mapToInt(RunResult::epochs).min()
                    .orElse(0);
        }

        /** Test accuracy at this epoch over the runs: the final accuracy where a run ended there; none for epoch 0. */
        public Statistics accuracyAt(int epoch) {
            if (epoch == 0) {
                return Statistics.of();
            }
            return Statistics.of(runs.stream().mapToDouble(r -> r.testAccuracyAt(epoch)).toArray());
        }

        /** This experiment's mean accuracy minus {@code other}'s at their {@link #commonEpoch}, with its interval. */
        public EpochDifference minus(ExperimentResults other, double level) {
            int epoch = commonEpoch(other);
            return new EpochDifference(epoch, accuracyAt(epoch).minus(other.accuracyAt(epoch), level));
        }

        /** Epochs of the runs: one value when they agree, the largest otherwise. */
        public int epochs() {
            return runs.stream().mapToInt(RunResult::epochs).max().orElse(0);
        }

        /** Test accuracy per epoch: mean, min and max over the runs that reached the epoch. */
        public List<CurvePoint> accuracyCurve() {
            return curve(EpochMetrics::testAccuracy);
        }

        /** A loss (or any per-epoch metric) per epoch over the runs. */
        public List<CurvePoint> curve(ToDoubleFunction<EpochMetrics> metric) {
            Map<Integer, List<Double>> byEpoch = new TreeMap<>();
            for (RunResult r : runs) {
                for (EpochMetrics m : r.history()) {
                    byEpoch.computeIfAbsent(m.epoch(), e -> new ArrayList<>()).add(metric.applyAsDouble(m));
                }
            }
            List<CurvePoint> points = new ArrayList<>();
            byEpoch.forEach((epoch, values) -> points.add(new CurvePoint(epoch,
                    Statistics.of(values.stream().mapToDouble(Double::doubleValue).toArray()))));
            return points;
        }
    }

    /** One epoch of a curve over seeds. */
    public record CurvePoint(int epoch, Statistics over) {
    }

    private ResultsSet(List<ExperimentResults> experiments, List<String> problems) {
        this.experiments = List.copyOf(experiments);
        this.problems = List.copyOf(problems);
    }

    /** Groups results by experiment in the given order of first appearance, seeds ascending within each. */
    public static ResultsSet of(List<RunResult> results) {
        return group(results, Map.of(), new LinkedHashMap<>(), Map.of(), List.of());
    }

    /**
     * Reads every finished run (one with a readable result.json) under these output directories, and the seeds each
     * directory's suite.json declared. A run that appears in two directories with the same configHash is counted
     * once; with different configHashes it is a problem (two different runs under one name), reported by
     * {@link #problems()}, and the one read first is kept. A result.json that exists but cannot be read is an error
     * naming the file: a report must not quietly leave a run out.
     */
    public static ResultsSet read(List<Path> outputDirectories) {
        Map<String, RunResult> byRun = new LinkedHashMap<>();
        Map<String, RunDirectory> where = new LinkedHashMap<>();
        Map<String, Set<Long>> declared = new LinkedHashMap<>();
        Map<String, Confusion> confusions = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path out : outputDirectories) {
            readDeclared(RunDirectory.suiteFile(out), declared);
            for (RunDirectory dir : RunDirectory.list(out)) {
                if (!Files.exists(dir.result())) {
                    continue; // still training, or never finished: reported as missing when declared
                }
                RunResult r = dir.readResult();
                if (r == null) {
                    throw new IllegalStateException(dir.result() + " cannot be read as a result file (truncated or not a "
                            + "result.json); delete it to train the run again, or restore it");
                }
                String key = key(r);
                RunResult earlier = byRun.putIfAbsent(key, r);
                if (earlier == null) {
                    where.put(key, dir);
                    readConfusion(dir).ifPresent(c -> confusions.put(key, c));
                } else if (!earlier.configHash().equals(r.configHash())) {
                    problems.add(key + " appears twice with different configurations (configHash "
                            + Format.shortHash(earlier.configHash()) + " in " + where.get(key) + ", "
                            + Format.shortHash(r.configHash()) + " in " + dir + "); kept the first");
                }
            }
        }
        // fewest labels first; within a labeled count, in the order the POMs declared the experiments (an ablation's
        // reference, then its variants), undeclared ones after those by id
        List<String> declaredOrder = new ArrayList<>(declared.keySet());
        List<RunResult> ordered = new ArrayList<>(byRun.values());
        ordered.sort(Comparator.comparingInt(RunResult::labeledCount)
                .thenComparingInt(r -> declaredOrder.contains(r.experiment()) ? declaredOrder.indexOf(r.experiment())
                        : Integer.MAX_VALUE)
                .thenComparing(RunResult::experiment)
                .thenComparingLong(RunResult::seed));
        Map<String, List<Long>> declaredSeeds = new LinkedHashMap<>();
        declared.forEach((id, seeds) -> declaredSeeds.put(id, List.copyOf(seeds)));
        return group(ordered, declaredSeeds, where, confusions, problems);
    }

    private static String key(RunResult r) {
        return RunDirectory.runName(r.experiment(), r.seed(), r.isSupervisedBaseline());
    }

    private static java.util.Optional<Confusion> readConfusion(RunDirectory dir) {
        if (!Files.isRegularFile(dir.confusion())) {
            return java.util.Optional.empty(); // runs from before confusion.csv existed
        }
        try {
            return java.util.Optional.of(Confusion.read(dir.confusion()));
        } catch (IOException e) {
            throw new IllegalStateException(dir.confusion() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void readDeclared(Path suiteFile, Map<String, Set<Long>> declared) {
        if (!Files.isRegularFile(suiteFile)) {
            return;
        }
        SuiteSpec suite;
        try {
            suite = Json.MAPPER.readValue(suiteFile.toFile(), SuiteSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(suiteFile + " cannot be read: " + e.getMessage(), e);
        }
        for (ExperimentSpec e : suite.experiments()) {
            declared.computeIfAbsent(e.id(), k -> new LinkedHashSet<>()).addAll(e.seeds());
        }
    }

    private static ResultsSet group(List<RunResult> results, Map<String, List<Long>> declared,
                                    Map<String, RunDirectory> where, Map<String, Confusion> confusions,
                                    List<String> problems) {
        Map<String, List<RunResult>> byExperiment = new LinkedHashMap<>();
        Map<String, List<RunResult>> baselines = new LinkedHashMap<>();
        for (RunResult r : results) {
            byExperiment.computeIfAbsent(r.experiment(), k -> new ArrayList<>());
            (r.isSupervisedBaseline() ? baselines : byExperiment).computeIfAbsent(r.experiment(), k -> new ArrayList<>()).add(r);
        }
        declared.keySet().forEach(id -> byExperiment.computeIfAbsent(id, k -> new ArrayList<>()));
        List<ExperimentResults> experiments = new ArrayList<>();
        byExperiment.forEach((id, runs) -> {
            runs.sort(Comparator.comparingLong(RunResult::seed));
            List<RunResult> baseline = baselines.getOrDefault(id, new ArrayList<>());
            baseline.sort(Comparator.comparingLong(RunResult::seed));
            Confusion confusion = null;
            for (RunResult r : runs) {
                Confusion c = confusions.get(key(r));
                if (c != null) {
                    confusion = confusion == null ? c : confusion.plus(c);
                }
            }
            RunResult first = runs.isEmpty() ? (baseline.isEmpty() ? null : baseline.get(0)) : runs.get(0);
            experiments.add(new ExperimentResults(id, first == null ? 0 : first.labeledCount(),
                    first == null ? Double.NaN : first.labeledFraction(), List.copyOf(runs), List.copyOf(baseline),
                    declared.getOrDefault(id, List.of()), directoriesBySeed(runs, where),
                    directoriesBySeed(baseline, where),
                    Statistics.of(runs.stream().mapToDouble(RunResult::testAccuracy).toArray()),
                    Statistics.of(baseline.stream().mapToDouble(RunResult::testAccuracy).toArray()), confusion));
        });
        return new ResultsSet(experiments, problems);
    }

    /** Where each of these runs was read, by seed (runs not read from disk have none). */
    private static Map<Long, RunDirectory> directoriesBySeed(List<RunResult> runs, Map<String, RunDirectory> where) {
        Map<Long, RunDirectory> dirs = new LinkedHashMap<>();
        for (RunResult r : runs) {
            RunDirectory d = where.get(key(r));
            if (d != null) {
                dirs.put(r.seed(), d);
            }
        }
        return dirs;
    }

    /** Whether any experiment has supervised baseline runs: renderers leave the baseline columns out otherwise. */
    public boolean hasBaselines() {
        return experiments.stream().anyMatch(e -> e.baseline().count() > 0);
    }

    public List<ExperimentResults> experiments() {
        return experiments;
    }

    /** The experiment with this id, or null. */
    public ExperimentResults experiment(String id) {
        return experiments.stream().filter(e -> e.experiment().equals(id)).findFirst().orElse(null);
    }

    /** Every finished GAN run, experiment by experiment (baseline runs: {@link ExperimentResults#baselineRuns}). */
    public List<RunResult> runs() {
        return experiments.stream().flatMap(e -> e.runs().stream()).toList();
    }

    /** What did not add up while reading (conflicting duplicates); empty when all is well. */
    public List<String> problems() {
        return problems;
    }

    /** True when no run has finished (declared experiments may still be listed, all missing). */
    public boolean isEmpty() {
        return runs().isEmpty();
    }
}
