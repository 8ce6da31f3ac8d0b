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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minibatch discrimination and virtual batch norm in the engine, on the synthetic digits of {@link SuiteRunnerTest}
 * (batches of 50, so that D's pass stacks three segments of 50 rows).
 */
class TechniqueLayersTrainingTest {
    private static final Dataset DATA = SuiteRunnerTest.syntheticData();

    @TempDir
    Path tmp;

    private static Techniques layers(int minibatchKernels, GeneratorNormalization normalization) {
        return new Techniques(0, 1, minibatchKernels, 3, normalization, 0, 0);
    }

    private static final Techniques MINIBATCH = layers(20, GeneratorNormalization.BATCH);
    private static final Techniques VIRTUAL = layers(0, GeneratorNormalization.VIRTUAL);
    private static final Techniques BOTH = layers(20, GeneratorNormalization.VIRTUAL);

    private static ExperimentSpec experiment(int epochs, Techniques techniques, GeneratorLoss loss) {
        return new ExperimentSpec("e", 0.1, null, epochs, List.of(7L), 50, 0.003, loss, 1.0).withTechniques(techniques);
    }

    private static List<Double> numbers(EpochMetrics m) {
        return List.of(m.lossLabeled(), m.lossUnlabeled(), m.lossGenerator(), m.trainAccuracy(), m.testAccuracy());
    }

    @Test
    void eachLayerTrainsWithFiniteLossesAndChangesTheNumbers() {
        for (GeneratorLoss loss : GeneratorLoss.values()) {
            List<Double> plain = numbers(new Trainer(new RunSpec(experiment(1, Techniques.NONE, loss), 7, 0, 0, 1), DATA)
                    .trainEpoch(0, null));
            List<List<Double>> seen = new ArrayList<>(List.of(plain));
            for (Techniques t : List.of(MINIBATCH, VIRTUAL, BOTH)) {
                Trainer trainer = new Trainer(new RunSpec(experiment(1, t, loss), 7, 0, 0, 1), DATA);
                List<Double> trained = numbers(trainer.trainEpoch(0, null));
                assertThat(trained).as("%s %s", loss, t).isNotEqualTo(plain).allSatisfy(v -> assertThat(v).isFinite());
                assertThat(trainer.samples().isEmpty()).isFalse();
                seen.add(trained);
            }
            assertThat(seen).doesNotHaveDuplicates();
        }
    }

    /** T is one more block of D's flat vector: the averaged classifier and Adam's state are as long. */
    @Test
    void minibatchDiscriminationsTensorJoinsTheDiscriminatorsParameters() {
        Trainer plain = new Trainer(new RunSpec(experiment(1, Techniques.NONE, GeneratorLoss.FEATURE_MATCHING), 7, 0, 0, 1), DATA);
        Trainer trainer = new Trainer(new RunSpec(experiment(1, MINIBATCH, GeneratorLoss.FEATURE_MATCHING), 7, 0, 0, 1), DATA);
        // T: 250 × 20·3, and the classifier layer reads 20 more inputs
        long extra = 250L * 20 * 3 + 20L * 10;
        assertThat(trainer.state().discriminator().length()).isEqualTo(plain.state().discriminator().length() + extra);
        assertThat(trainer.state().averagedDiscriminator().length()).isEqualTo(trainer.state().discriminator().length());
        assertThat(trainer.state().discriminatorAdam().length()).isEqualTo(2 * trainer.state().discriminator().length());
        assertThat(trainer.state().generator().length()).isEqualTo(plain.state().generator().length());
    }

    @Test
    void aSupervisedBaselineTrainsWithoutThem() {
        RunSpec plain = new RunSpec(experiment(1, Techniques.NONE, GeneratorLoss.FEATURE_MATCHING), 7, 0, 0, 1).baseline();
        RunSpec layered = new RunSpec(experiment(1, BOTH, GeneratorLoss.FEATURE_MATCHING), 7, 0, 0, 1).baseline();
        assertThat(layered.configHash(DATA.sha256())).isEqualTo(plain.configHash(DATA.sha256()));
        Trainer a = new Trainer(plain, DATA);
        Trainer b = new Trainer(layered, DATA);
        assertThat(numbers(b.trainEpoch(0, null))).isEqualTo(numbers(a.trainEpoch(0, null)));
        assertThat(b.state().discriminator()).isEqualTo(a.state().discriminator());
    }

    /**
     * With both layers, a run killed after epoch 2 and resumed from its checkpoint (which holds nothing new: T is in
     * D's parameters, the reference batch is drawn again from the seed) ends as one trained straight through, its last
     * sample sheet included; it writes no model.zip.
     */
    @Test
    void aRunWithTheLayersResumesAfterAKillAsIfNeverStopped() throws IOException {
        SuiteSpec straight = new SuiteSpec(List.of(experiment(3, BOTH, GeneratorLoss.FEATURE_MATCHING)), 0, 0, 2, 2,
                tmp.resolve("a"), false, false);
        new SuiteRunner(straight, ProgressLog.SILENT).run(DATA);
        RunDirectory reference = RunDirectory.of(straight.outputDirectory(), straight.runs().get(0));

        SuiteSpec killed = new SuiteSpec(List.of(experiment(3, BOTH, GeneratorLoss.FEATURE_MATCHING)), 0, 0, 2, 2,
                tmp.resolve("b"), false, false);
        SuiteRunner.EpochHook kill = (r, m) -> {
            if (m.epoch() == 2) {
                throw new IllegalStateException("killed");
            }
        };
        assertThatThrownBy(() -> new SuiteRunner(killed, ProgressLog.SILENT, kill).run(DATA)).hasMessage("killed");
        RunDirectory dir = RunDirectory.of(killed.outputDirectory(), killed.runs().get(0));
        assertThat(Checkpoint.read(dir.checkpoint()).state().epoch()).isEqualTo(2);

        List<String> log = new ArrayList<>();
        new SuiteRunner(killed, SuiteRunnerTest.recording(log)).run(DATA);
        assertThat(log).anyMatch(l -> l.contains("resuming after epoch 2 of 3"))
                .anyMatch(l -> l.contains("no model.zip"));
        assertThat(SuiteRunnerTest.withoutSeconds(dir.metrics())).hasSize(4)
                .isEqualTo(SuiteRunnerTest.withoutSeconds(reference.metrics()));
        assertThat(Files.readAllBytes(dir.sample(3))).isEqualTo(Files.readAllBytes(reference.sample(3)));
        RunResult result = dir.readResult();
        assertThat(result.testAccuracy()).isEqualTo(reference.readResult().testAccuracy());
        assertThat(result.config()).containsEntry("minibatchKernels", 20).containsEntry("minibatchKernelDimension", 3)
                .containsEntry("generatorNormalization", "virtual");
        assertThat(dir.model()).doesNotExist();
    }
}
