package io.github.ssgan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.data.Dataset;
import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.GeneratorNormalization;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.spec.Techniques;
import io.github.ssgan.training.Checkpoint;
import io.github.ssgan.training.Trainer;
import io.github.ssgan.training.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training techniques in the engine, on the synthetic digits of {@link SuiteRunnerTest}. */
class TechniquesTrainingTest {
    private static Dataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void syntheticDigits() {
        data = SuiteRunnerTest.syntheticData();
    }

    private static ExperimentSpec experiment(int epochs, Techniques techniques) {
        return new ExperimentSpec("e", 0.1, null, epochs, List.of(7L), 50, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0)
                .withTechniques(techniques);
    }

    private static Techniques techniques(double historicalAveraging, double labelSmoothing, double entropyWeight,
                                         double pullAwayWeight) {
        return new Techniques(historicalAveraging, labelSmoothing, 0, Techniques.DEFAULT_MINIBATCH_KERNEL_DIMENSION,
                GeneratorNormalization.BATCH, entropyWeight, pullAwayWeight);
    }

    private static final Techniques ALL_FOUR = techniques(1e-2, 0.9, 0.3, 0.1);

    private static List<Double> numbers(EpochMetrics m) {
        return List.of(m.lossLabeled(), m.lossUnlabeled(), m.lossGenerator(), m.trainAccuracy(), m.testAccuracy());
    }

    @Test
    void eachTechniqueChangesTheTrainingAndEveryOneOffChangesNothing() {
        List<Double> plain = numbers(new Trainer(new RunSpec(experiment(1, Techniques.NONE), 7, 0, 0, 1), data)
                .trainEpoch(0, null));
        // set but without effect on these steps: a kernel dimension without kernels
        Techniques inert = new Techniques(0, 1, 0, 3, GeneratorNormalization.BATCH, 0, 0);
        assertThat(numbers(new Trainer(new RunSpec(experiment(1, inert), 7, 0, 0, 1), data).trainEpoch(0, null)))
                .isEqualTo(plain);

        Map<String, Techniques> each = new LinkedHashMap<>();
        each.put("historicalAveraging", techniques(1e-2, 1, 0, 0));
        each.put("labelSmoothing", techniques(0, 0.9, 0, 0));
        each.put("entropyWeight", techniques(0, 1, 0.3, 0));
        each.put("pullAwayWeight", techniques(0, 1, 0, 0.1));
        List<List<Double>> seen = new ArrayList<>(List.of(plain));
        each.forEach((name, t) -> {
            EpochMetrics m = new Trainer(new RunSpec(experiment(1, t), 7, 0, 0, 1), data).trainEpoch(0, null);
            assertThat(numbers(m)).as(name).isNotEqualTo(plain).allSatisfy(v -> assertThat(v).isFinite());
            seen.add(numbers(m));
        });
        assertThat(seen).doesNotHaveDuplicates();
    }

    /** The baseline is D on L_sup alone: the techniques of its experiment change neither its numbers nor its hash. */
    @Test
    void aSupervisedBaselineTrainsWithoutTheTechniques() {
        RunSpec plain = new RunSpec(experiment(1, Techniques.NONE), 7, 0, 0, 1).baseline();
        RunSpec tricks = new RunSpec(experiment(1, ALL_FOUR), 7, 0, 0, 1).baseline();
        assertThat(tricks.configHash(data.sha256())).isEqualTo(plain.configHash(data.sha256()));
        Trainer a = new Trainer(plain, data);
        Trainer b = new Trainer(tricks, data);
        assertThat(numbers(b.trainEpoch(0, null))).isEqualTo(numbers(a.trainEpoch(0, null)));
        assertThat(b.state().discriminator()).isEqualTo(a.state().discriminator());
        assertThat(b.state().historicalAverage()).isNull();
    }

    /**
     * With every technique on, historical averaging's θ̄ included, a run killed after epoch 2 and resumed from its
     * checkpoint ends with the metrics and result of one trained straight through.
     */
    @Test
    void aRunWithTheTechniquesResumesAfterAKillAsIfNeverStopped() throws IOException {
        SuiteSpec straight = new SuiteSpec(List.of(experiment(3, ALL_FOUR)), 0, 0, 2, 2, tmp.resolve("a"), false, false);
        new SuiteRunner(straight, ProgressLog.SILENT).run(data);
        RunDirectory reference = RunDirectory.of(straight.outputDirectory(), straight.runs().get(0));

        SuiteSpec killed = new SuiteSpec(List.of(experiment(3, ALL_FOUR)), 0, 0, 2, 2, tmp.resolve("c"), false, false);
        SuiteRunner.EpochHook kill = (r, m) -> {
            if (m.epoch() == 2) {
                throw new IllegalStateException("killed");
            }
        };
        assertThatThrownBy(() -> new SuiteRunner(killed, ProgressLog.SILENT, kill).run(data)).hasMessage("killed");
        RunDirectory dir = RunDirectory.of(killed.outputDirectory(), killed.runs().get(0));
        TrainingState saved = Checkpoint.read(dir.checkpoint()).state();
        assertThat(saved.epoch()).isEqualTo(2);
        assertThat(saved.historicalAverage()).isNotNull();
        assertThat(saved.historicalAverage().length()).isEqualTo(saved.discriminator().length());

        List<String> log = new ArrayList<>();
        new SuiteRunner(killed, SuiteRunnerTest.recording(log)).run(data);
        assertThat(log).anyMatch(l -> l.contains("resuming after epoch 2 of 3"));
        assertThat(SuiteRunnerTest.withoutSeconds(dir.metrics())).hasSize(4).isEqualTo(SuiteRunnerTest.withoutSeconds(reference.metrics()));
        RunResult result = dir.readResult();
        assertThat(result.testAccuracy()).isEqualTo(reference.readResult().testAccuracy());
        assertThat(result.config()).containsEntry("historicalAveraging", 1e-2).containsEntry("labelSmoothing", 0.9)
                .containsEntry("entropyWeight", 0.3).containsEntry("pullAwayWeight", 0.1);
    }

    /** θ̄ matters to the next epoch: restored from the checkpoint it continues the run, replaced it does not. */
    @Test
    void theHistoricalAverageIsStateTheNextEpochDependsOn() {
        RunSpec run = new RunSpec(experiment(3, techniques(1e-2, 1, 0, 0)), 7, 0, 0, 1);
        Trainer straight = new Trainer(run, data);
        Trainer first = new Trainer(run, data);
        for (int epoch = 0; epoch < 2; epoch++) {
            straight.trainEpoch(0, null);
            first.trainEpoch(0, null);
        }
        TrainingState s = first.state();
        List<Double> third = numbers(straight.trainEpoch(0, null));

        Trainer resumed = new Trainer(run, data);
        resumed.restore(new TrainingState(s.epoch(), s.discriminator().dup(), s.discriminatorAdam().dup(),
                s.averagedDiscriminator().dup(), s.generator().dup(), s.generatorAdam().dup(), s.historicalAverage().dup()));
        assertThat(numbers(resumed.trainEpoch(0, null))).isEqualTo(third);
        assertThat(resumed.state().historicalAverage()).isEqualTo(straight.state().historicalAverage());

        Trainer forgetful = new Trainer(run, data);
        forgetful.restore(new TrainingState(s.epoch(), s.discriminator().dup(), s.discriminatorAdam().dup(),
                s.averagedDiscriminator().dup(), s.generator().dup(), s.generatorAdam().dup(), s.discriminator().dup()));
        assertThat(numbers(forgetful.trainEpoch(0, null))).isNotEqualTo(third);

        assertThatThrownBy(() -> new Trainer(run, data).restore(new TrainingState(s.epoch(), s.discriminator(),
                s.discriminatorAdam(), s.averagedDiscriminator(), s.generator(), s.generatorAdam())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historical average");
    }
}
