package io.github.ssgan.results;

import io.github.ssgan.results.ResultsSet.ExperimentResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An ablation: every experiment of a results set against one reference experiment. Per experiment, the hashed
 * settings in which it differs from the reference, read from the result files (so an option added later shows up
 * without code here), its test accuracy over seeds and the difference to the reference's. Both are taken at the last
 * epoch every run of the two reached, so that experiments trained for different numbers of epochs are compared at the
 * same point of training.
 *
 * @param referenceRow the reference against itself: its seeds, accuracy and speed, no changes
 * @param rows         every other experiment, in the order of the results set
 */
public record Ablation(String reference, Row referenceRow, List<Row> rows) {

    /** A setting in which an experiment differs from the reference; value null where the experiment has none. */
    public record Change(String setting, String value) {
        /**
         * "labelSmoothing 0.9"; "averagingDecay not set" where the experiment records no value (an option is hashed
         * only when set otherwise than its default, so that older results keep their configHash).
         */
        public String text() {
            return setting + " " + (value == null ? "not set" : value);
        }
    }

    /**
     * One experiment against the reference.
     *
     * @param changes           the settings that differ from the reference's, by name (unknown, and empty, unless
     *                          both have a finished run: see {@link #comparable()})
     * @param epoch             the epoch compared: the last that every finished run of this experiment and of the
     *                          reference reached; 0 when either has none
     * @param seeds             the seeds with a finished run
     * @param missingSeeds      declared seeds without one: still training, or trained on a shard not given
     * @param accuracy          test accuracy at {@code epoch} over the seeds
     * @param referenceAccuracy the reference's test accuracy at the same epoch
     * @param secondsPerEpoch   the median epoch time over every epoch of the experiment's runs; NaN without runs
     */
    public record Row(String experiment, List<Change> changes, int epoch, List<Long> seeds, List<Long> missingSeeds,
                      Statistics accuracy, Statistics referenceAccuracy, double secondsPerEpoch) {
        /** Whether both this experiment and the reference have a finished run, so that they can be compared. */
        public boolean comparable() {
            return accuracy.count() > 0 && referenceAccuracy.count() > 0;
        }

        /** The mean accuracy minus the reference's, with the half width of its interval at this level (Welch). */
        public Statistics.Difference difference(double level) {
            return accuracy.minus(referenceAccuracy, level);
        }
    }

    /**
     * The ablation of these results against the experiment with this id.
     *
     * @throws IllegalArgumentException when the results hold no experiment with this id (the message lists those present)
     */
    public static Ablation of(ResultsSet results, String reference) {
        ExperimentResults ref = results.experiment(reference);
        if (ref == null) {
            String present = results.experiments().stream().map(ExperimentResults::experiment)
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("'" + reference + "' is not an experiment of the results; experiments "
                    + "present: " + (present.isEmpty() ? "none" : present));
        }
        List<Row> rows = results.experiments().stream().filter(e -> e != ref).map(e -> row(e, ref)).toList();
        return new Ablation(reference, row(ref, ref), rows);
    }

    private static Row row(ExperimentResults e, ExperimentResults ref) {
        int epoch = e.commonEpoch(ref);
        boolean both = epoch > 0;
        return new Row(e.experiment(), both ? changes(settings(ref), settings(e)) : List.of(), epoch,
                e.seeds(), e.missingSeeds(), e.accuracyAt(epoch), ref.accuracyAt(epoch),
                Statistics.median(e.runs().stream().flatMap(r -> r.history().stream())
                        .mapToDouble(EpochMetrics::seconds).toArray()));
    }

    /**
     * An experiment's settings: per name, the values its runs recorded, as text (one value unless the runs disagree,
     * e.g. threads that differed between shards).
     */
    private static Map<String, Set<String>> settings(ExperimentResults e) {
        Map<String, Set<String>> settings = new TreeMap<>();
        for (RunResult r : e.runs()) {
            r.experimentSettings().forEach((k, v) -> {
                if (v != null) { // recorded as null (labeledFraction beside labelsPerClass): not set
                    settings.computeIfAbsent(k, x -> new TreeSet<>()).add(String.valueOf(v));
                }
            });
        }
        return settings;
    }

    private static List<Change> changes(Map<String, Set<String>> reference, Map<String, Set<String>> experiment) {
        Set<String> names = new TreeSet<>(reference.keySet());
        names.addAll(experiment.keySet());
        List<Change> changes = new ArrayList<>();
        for (String name : names) {
            Set<String> values = experiment.get(name);
            if (!Objects.equals(reference.get(name), values)) {
                changes.add(new Change(name, values == null ? null : String.join(" / ", values)));
            }
        }
        return changes;
    }
}
