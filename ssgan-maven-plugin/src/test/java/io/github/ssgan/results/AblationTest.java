package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The ablation's numbers against ones worked out by hand from a fixture of three seeds per experiment. */
class AblationTest {
    /** The hashed settings every experiment of the fixture shares; each one adds or drops what it changes. */
    private static Map<String, Object> paper() {
        Map<String, Object> c = new TreeMap<>();
        c.put("algorithm", "salimans2016-pi-mnist/3");
        c.put("labelsPerClass", 10);
        c.put("labeledFraction", null); // as a labelsPerClass experiment records it
        c.put("averagingDecay", 0.9999);
        c.put("generatorLoss", "feature-matching");
        return c;
    }

    /**
     * A run whose test accuracy of epoch e is accuracies[e − 1]; its epochs take 10·seed and 10·seed + 1 seconds,
     * alternately. The config holds what every result records beside the settings (seed, id, epochs, sampleEvery).
     */
    private static RunResult run(String experiment, long seed, Map<String, Object> settings, double... accuracies) {
        Map<String, Object> config = new TreeMap<>(settings);
        config.put("seed", seed);
        config.put("experiment", experiment);
        config.put("epochs", accuracies.length);
        config.put("sampleEvery", 10);
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= accuracies.length; e++) {
            history.add(new EpochMetrics(e, 0.1, 0.2, 0.3, 0.9, accuracies[e - 1], 10 * seed + (e + 1) % 2));
        }
        return new RunResult(experiment, seed, 100, 100 / 60000.0, accuracies.length,
                accuracies[accuracies.length - 1], history, "%064x".formatted(experiment.hashCode() + seed), config,
                null, null, 0);
    }

    private static ResultsSet fixture() {
        Map<String, Object> smoothing = paper();
        smoothing.put("labelSmoothing", 0.9);
        Map<String, Object> combined = paper();
        combined.put("generatorLoss", "combined");
        combined.remove("averagingDecay");
        return ResultsSet.of(List.of(
                run("paper", 1, paper(), 0.90, 0.97), run("paper", 2, paper(), 0.91, 0.98),
                run("paper", 3, paper(), 0.92, 0.99),
                run("label-smoothing", 1, smoothing, 0.80, 0.95), run("label-smoothing", 2, smoothing, 0.80, 0.96),
                run("label-smoothing", 3, smoothing, 0.80, 0.97),
                // trained for one epoch only: compared with the reference's first epoch
                run("combined-loss", 1, combined, 0.93), run("combined-loss", 2, combined, 0.95),
                run("combined-loss", 3, combined, 0.97)));
    }

    @Test
    void eachExperimentAgainstTheReferenceWithWelchsInterval() {
        Ablation ablation = Ablation.of(fixture(), "paper");

        assertThat(ablation.reference()).isEqualTo("paper");
        assertThat(ablation.rows()).extracting(Ablation.Row::experiment)
                .containsExactly("label-smoothing", "combined-loss");
        Ablation.Row smoothing = ablation.rows().get(0);
        assertThat(smoothing.epoch()).isEqualTo(2);
        assertThat(smoothing.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(smoothing.missingSeeds()).isEmpty();
        // 95, 96, 97 against 97, 98, 99: means 0.96 and 0.98, both std 0.01
        assertThat(smoothing.accuracy().mean()).isCloseTo(0.96, within(1e-12));
        assertThat(smoothing.accuracy().std()).isCloseTo(0.01, within(1e-12));
        assertThat(smoothing.accuracy().halfWidth(0.95)).isCloseTo(4.302653 * 0.01 / Math.sqrt(3), within(1e-7));
        assertThat(smoothing.referenceAccuracy().mean()).isCloseTo(0.98, within(1e-12));
        // Welch with equal variances and counts: df = 4, t(0.975, 4) = 2.776445, se = √(2 · 0.01² / 3)
        Statistics.Difference d = smoothing.difference(0.95);
        assertThat(d.value()).isCloseTo(-0.02, within(1e-12));
        assertThat(d.halfWidth()).isCloseTo(2.776445 * Math.sqrt(2 * 0.0001 / 3), within(1e-7));
        // epochs of 10 and 11 s, 20 and 21 s, 30 and 31 s: the median of the six is 20.5 s
        assertThat(smoothing.secondsPerEpoch()).isEqualTo(20.5);
    }

    @Test
    void experimentsOfDifferentLengthsAreComparedAtTheLastEpochBothReached() {
        Ablation.Row combined = Ablation.of(fixture(), "paper").rows().get(1);

        assertThat(combined.epoch()).isEqualTo(1);
        // 93, 95, 97 (mean 0.95, std 0.02) against the reference's first epoch: 90, 91, 92 (mean 0.91, std 0.01)
        assertThat(combined.accuracy().mean()).isCloseTo(0.95, within(1e-12));
        assertThat(combined.referenceAccuracy().mean()).isCloseTo(0.91, within(1e-12));
        assertThat(combined.referenceAccuracy().std()).isCloseTo(0.01, within(1e-12));
        // Welch: a = 0.02²/3, b = 0.01²/3, df = (a + b)² / (a²/2 + b²/2) = 25·2/17 ≈ 2.941
        double a = 0.0004 / 3;
        double b = 0.0001 / 3;
        double df = (a + b) * (a + b) / (a * a / 2 + b * b / 2);
        assertThat(df).isCloseTo(50.0 / 17, within(1e-12));
        double t = new org.apache.commons.math3.distribution.TDistribution(df).inverseCumulativeProbability(0.975);
        Statistics.Difference d = combined.difference(0.95);
        assertThat(d.value()).isCloseTo(0.04, within(1e-12));
        assertThat(d.halfWidth()).isCloseTo(t * Math.sqrt(a + b), within(1e-12));
        // the reference's own row stays at its last epoch
        assertThat(Ablation.of(fixture(), "paper").referenceRow().epoch()).isEqualTo(2);
        assertThat(Ablation.of(fixture(), "paper").referenceRow().accuracy().mean()).isCloseTo(0.98, within(1e-12));
    }

    @Test
    void theChangesAreTheRecordedSettingsThatDiffer() {
        Ablation ablation = Ablation.of(fixture(), "paper");

        // seed, id, epochs and sampleEvery differ too, but are no setting of the experiment; nulls are "not set"
        assertThat(ablation.rows().get(0).changes()).extracting(Ablation.Change::text)
                .containsExactly("labelSmoothing 0.9");
        assertThat(ablation.rows().get(1).changes()).extracting(Ablation.Change::text)
                .containsExactly("averagingDecay not set", "generatorLoss combined");
        assertThat(ablation.referenceRow().changes()).isEmpty();
    }

    @Test
    void anUnknownReferenceNamesTheExperimentsPresent() {
        assertThatThrownBy(() -> Ablation.of(fixture(), "papr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'papr'")
                .hasMessageContaining("paper, label-smoothing, combined-loss");
    }
}
