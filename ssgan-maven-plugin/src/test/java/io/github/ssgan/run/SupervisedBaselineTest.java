package io.github.ssgan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.data.Dataset;
import io.github.ssgan.results.Confusion;
import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.spec.Algorithm;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.training.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervised baseline: the GAN's discriminator on L_sup alone, through the same loop, beside the GAN run. */
class SupervisedBaselineTest {
    private static Dataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void syntheticDigits() {
        data = SuiteRunnerTest.syntheticData();
    }

    private static ExperimentSpec experiment(double unlabeledWeight) {
        return new ExperimentSpec("e", 0.1, null, 2, List.of(7L), 50, 0.003, GeneratorLoss.FEATURE_MATCHING,
                unlabeledWeight, ExperimentSpec.DEFAULT_AVERAGING_DECAY, Algorithm.LATEST);
    }

    @Test
    void baselineRunsBesideTheGanRunWithTheSameFilesButSamples() throws Exception {
        SuiteSpec suite = new SuiteSpec(List.of(experiment(1.0)), 0, 0, 1, 2, tmp, true, false);
        List<RunResult> results = new SuiteRunner(suite, ProgressLog.SILENT).run(data);

        assertThat(results).hasSize(2);
        RunResult gan = results.get(0);
        RunResult baseline = results.get(1);
        assertThat(gan.isSupervisedBaseline()).isFalse();
        assertThat(baseline.isSupervisedBaseline()).isTrue();
        assertThat(baseline.configHash()).isNotEqualTo(gan.configHash());
        // a GAN run's configHash does not depend on whether baselines are on
        SuiteSpec without = new SuiteSpec(List.of(experiment(1.0)), 0, 0, 1, 2, tmp, false, false);
        assertThat(without.runs()).singleElement()
                .satisfies(r -> assertThat(r.configHash(data.sha256())).isEqualTo(gan.configHash()));

        RunDirectory dir = RunDirectory.of(tmp, "e", 7, true);
        assertThat(dir.path()).isEqualTo(tmp.resolve("e").resolve("supervised-seed-7"));
        assertThat(dir.result()).isRegularFile();
        assertThat(dir.metrics()).isRegularFile();
        assertThat(dir.model()).isRegularFile();
        assertThat(dir.samples()).doesNotExist();
        assertThat(RunDirectory.of(tmp, "e", 7).samples()).isDirectory();
        for (EpochMetrics m : baseline.history()) {
            assertThat(List.of(m.lossUnlabeled(), m.lossGenerator())).containsOnly(0.0);
        }
        // the confusion matrix written with each run is the final classifier's: its diagonal is the test accuracy
        for (RunDirectory d : List.of(dir, RunDirectory.of(tmp, "e", 7))) {
            Confusion c = Confusion.read(d.confusion());
            assertThat(c.total()).isEqualTo(100);
            assertThat(c.accuracy()).isEqualTo(d.readResult().testAccuracy());
        }

        List<String> log = new ArrayList<>();
        new SuiteRunner(suite, new ProgressLog() {
            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add(message);
            }
        }).run(data);
        assertThat(log).anyMatch(l -> l.startsWith("[e/seed-7] up to date"))
                .anyMatch(l -> l.startsWith("[e/supervised-seed-7] up to date"));
    }

    /**
     * With the unsupervised weight at 0, the GAN run's discriminator learns from L_sup alone, on the same labeled rows
     * with the same noise: its labeled loss and classifier follow the baseline's (to rounding, since the products sum
     * over 3B rows there and B here).
     */
    @Test
    void baselineIsTheGanDiscriminatorOnTheLabeledLossAlone() {
        Trainer gan = new Trainer(new RunSpec(experiment(0.0), 7, 0, 0, 1), data);
        Trainer baseline = new Trainer(new RunSpec(experiment(0.0), 7, 0, 0, 1).baseline(), data);
        for (int epoch = 0; epoch < 2; epoch++) {
            EpochMetrics g = gan.trainEpoch(0, null);
            EpochMetrics b = baseline.trainEpoch(0, null);
            assertThat(b.lossLabeled()).isCloseTo(g.lossLabeled(), within(1e-5 * Math.abs(g.lossLabeled())));
            assertThat(b.trainAccuracy()).isEqualTo(g.trainAccuracy());
            assertThat(b.testAccuracy()).isEqualTo(g.testAccuracy());
        }
    }
}
