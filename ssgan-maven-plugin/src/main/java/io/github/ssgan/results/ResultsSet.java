package io.github.ssgan.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results model: the finished runs of one or more output directories (one machine's, or the shards of several),
 * grouped by experiment with their statistics over seeds. The log table, the summary page, the site report and the
 * check all render this one model; none of them computes a number of its own.
 */
public final class ResultsSet {
    private final List<ExperimentResults> experiments;
    private final List<String> problems;

    /**
     * One experiment's runs.
     *
     * @param accuracy final-epoch test accuracy over the seeds
     */
    public record ExperimentResults(String experiment, int labeledCount, double labeledFraction, List<RunResult> runs,
                                    Statistics accuracy) {
        public List<Long> seeds() {
            return runs.stream().map(RunResult::seed).toList();
        }

        /** Epochs of the runs: one value when they agree, the largest otherwise. */
        public int epochs() {
            return runs.stream().mapToInt(RunResult::epochs).max().orElse(0);
        }
    }

    private ResultsSet(List<ExperimentResults> experiments, List<String> problems) {
        this.experiments = List.copyOf(experiments);
        this.problems = List.copyOf(problems);
    }

    /** Groups results by experiment in the given order of first appearance, seeds ascending within each. */
    public static ResultsSet of(List<RunResult> results) {
        return group(results, List.of());
    }

    /**
     * Reads every finished run (one with a readable result.json) under these output directories. A run that appears
     * in two directories with the same configHash is counted once; with different configHashes it is a problem
     * (two different runs under one name), reported by {@link #problems()}, and the first one is kept.
     */
    public static ResultsSet read(List<Path> outputDirectories) {
        Map<String, RunResult> byRun = new LinkedHashMap<>();
        Map<String, Path> earlierSource = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path out : outputDirectories) {
            for (RunDirectory dir : RunDirectory.list(out)) {
                RunResult r = dir.readResult();
                if (r == null) {
                    continue; // unfinished or unreadable: not a result
                }
                String key = r.experiment() + "/seed-" + r.seed();
                RunResult earlier = byRun.putIfAbsent(key, r);
                earlierSource.putIfAbsent(key, dir.path());
                if (earlier != null && !earlier.configHash().equals(r.configHash())) {
                    problems.add(key + " appears twice with different configurations (configHash "
                            + abbreviate(earlier.configHash()) + " and " + abbreviate(r.configHash()) + "); kept the one read first, from "
                            + earlierSource.get(key));
                }
            }
        }
        List<RunResult> ordered = new ArrayList<>(byRun.values());
        ordered.sort(Comparator.comparingInt(RunResult::labeledCount).thenComparing(RunResult::experiment)
                .thenComparingLong(RunResult::seed));
        return group(ordered, problems);
    }

    private static ResultsSet group(List<RunResult> results, List<String> problems) {
        Map<String, List<RunResult>> byExperiment = new LinkedHashMap<>();
        for (RunResult r : results) {
            byExperiment.computeIfAbsent(r.experiment(), k -> new ArrayList<>()).add(r);
        }
        List<ExperimentResults> experiments = new ArrayList<>();
        byExperiment.forEach((id, runs) -> {
            runs.sort(Comparator.comparingLong(RunResult::seed));
            RunResult first = runs.get(0);
            experiments.add(new ExperimentResults(id, first.labeledCount(), first.labeledFraction(), List.copyOf(runs),
                    Statistics.of(runs.stream().mapToDouble(RunResult::testAccuracy).toArray())));
        });
        return new ResultsSet(experiments, problems);
    }

    private static String abbreviate(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
    }

    public List<ExperimentResults> experiments() {
        return experiments;
    }

    /** The experiment with this id, or null. */
    public ExperimentResults experiment(String id) {
        return experiments.stream().filter(e -> e.experiment().equals(id)).findFirst().orElse(null);
    }

    /** Every run, experiment by experiment. */
    public List<RunResult> runs() {
        return experiments.stream().flatMap(e -> e.runs().stream()).toList();
    }

    /** What did not add up while reading (conflicting duplicates); empty when all is well. */
    public List<String> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return experiments.isEmpty();
    }
}
