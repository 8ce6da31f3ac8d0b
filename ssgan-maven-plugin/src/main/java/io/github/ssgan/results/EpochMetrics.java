package io.github.ssgan.results;

/** One row of metrics.csv. Losses are means over the epoch's iterations; accuracies are in 0..1. */
public record EpochMetrics(
        int epoch,
        double lossLabeled,
        double lossUnlabeled,
        double lossGenerator,
        double trainAccuracy,
        double testAccuracy,
        double seconds) {
}
