package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.GeneratorNormalization;
import io.github.ssgan.spec.Techniques;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused losses against the ND4J ones of {@link Objectives} (values and gradients, computed in double there), and
 * their gradients against central differences of their own values.
 */
class FusedObjectivesTest {
    private static final int BATCH = 4;
    private static final int[] LABELS = {0, 2, 1, 2};

    private static INDArray logits(long rows) {
        INDArray l = Nd4j.rand(DataType.FLOAT, rows, 3).subi(0.5).muli(8);
        l.putScalar(1, 1, 40f); // a large logit: the log-sum-exp must not overflow
        return l;
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (long i = 0; i < expected.length(); i++) {
            assertThat(actual.getDouble(i)).as("element %d", i).isCloseTo(expected.getDouble(i), within(tolerance));
        }
    }

    @Test
    void discriminatorLossesMatchTheNd4jOnes() {
        INDArray logits = logits(3 * BATCH);
        double w = 0.7;
        Losses.Step expected = Objectives.LOSSES.discriminator(logits.castTo(DataType.DOUBLE), LABELS, BATCH, w);
        Losses.Step fused = FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, w);
        assertThat(fused.labeled()).isCloseTo(expected.labeled(), within(1e-9));
        assertThat(fused.unlabeled()).isCloseTo(expected.unlabeled(), within(1e-9));
        assertClose(fused.dLogits(), expected.dLogits(), 1e-7);
        assertThat(fused.dFeatures()).isNull();
        assertThat(fused.correct()).isEqualTo(expected.correct()).isEqualTo(Objectives.correct(logits.getRows(0, 1, 2, 3), LABELS));

        Losses.Step supervised = FusedObjectives.LOSSES.supervised(logits.getRows(0, 1, 2, 3), LABELS);
        Losses.Step supervisedExpected = Objectives.LOSSES.supervised(logits.getRows(0, 1, 2, 3).castTo(DataType.DOUBLE), LABELS);
        assertThat(supervised.labeled()).isCloseTo(supervisedExpected.labeled(), within(1e-9));
        assertClose(supervised.dLogits(), supervisedExpected.dLogits(), 1e-7);
        assertThat(supervised.correct()).isEqualTo(supervisedExpected.correct());
    }

    @Test
    void generatorLossesMatchTheNd4jOnes() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 2 * BATCH, 5);
        INDArray logits = logits(2 * BATCH);
        for (GeneratorLoss loss : GeneratorLoss.values()) {
            Losses.Step expected = Objectives.LOSSES.generator(features.castTo(DataType.DOUBLE), logits.castTo(DataType.DOUBLE),
                    BATCH, loss);
            Losses.Step fused = FusedObjectives.LOSSES.generator(features, logits, BATCH, loss);
            assertThat(fused.generator()).as("%s", loss).isCloseTo(expected.generator(), within(1e-9));
            assertClose(fused.dFeatures(), expected.dFeatures(), 1e-8);
            if (loss == GeneratorLoss.COMBINED) {
                assertClose(fused.dLogits(), expected.dLogits(), 1e-7);
            } else {
                assertThat(fused.dLogits()).isNull();
            }
        }
    }

    /** d(L_sup + w·L_unsup)/d logits, elementwise, against central differences of the fused value. */
    @Test
    void discriminatorGradientMatchesNumericGradient() {
        INDArray logits = logits(3 * BATCH);
        double w = 0.7;
        INDArray grad = FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, w).dLogits();
        assertNumeric(logits, grad, () -> {
            Losses.Step s = FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, w);
            return s.labeled() + w * s.unlabeled();
        });
    }

    @Test
    void generatorGradientsMatchNumericGradients() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 2 * BATCH, 5);
        INDArray logits = logits(2 * BATCH);
        Losses.Step step = FusedObjectives.LOSSES.generator(features, logits, BATCH, GeneratorLoss.COMBINED);
        // the gradients are for the generated rows (BATCH..2·BATCH) only
        DoubleSupplier value = () -> FusedObjectives.LOSSES.generator(features, logits, BATCH, GeneratorLoss.COMBINED).generator();
        assertNumeric(logits.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(BATCH, 2 * BATCH),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), step.dLogits(), value);
        assertNumeric(features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(BATCH, 2 * BATCH),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), step.dFeatures(), value);
        assertThat(step.dLogits().rows()).isEqualTo(BATCH);
        assertThat(step.dFeatures().rows()).isEqualTo(BATCH);
    }

    private static void assertNumeric(INDArray x, INDArray analytic, DoubleSupplier loss) {
        float h = 1e-2f;
        for (long i = 0; i < x.length(); i++) {
            float original = x.getFloat(i);
            x.putScalar(i, original + h);
            double plusH = original + h - (double) original; // the step as stored in float
            double plus = loss.getAsDouble();
            x.putScalar(i, original - h);
            double minusH = (double) original - (original - h);
            double minus = loss.getAsDouble();
            x.putScalar(i, original);
            double numeric = (plus - minus) / (plusH + minusH);
            assertThat(analytic.getDouble(i)).as("element %d", i).isCloseTo(numeric, within(2e-4));
        }
    }

    /** Fixed inputs (no random draws), so that the golden digest below pins the bits. */
    private static INDArray fixed(long rows, int cols, double scale) {
        float[] v = new float[(int) rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (scale * Math.sin(0.7 * i + 0.3));
        }
        v[cols + 1] = 40f; // a large logit (or feature)
        return Nd4j.create(v, new long[] {rows, cols}, 'c');
    }

    /** The bits of every loss value and gradient of a discriminator step, a supervised step and both generator losses. */
    private static String digest(LossSteps steps) {
        INDArray logits = fixed(3 * BATCH, 3, 4);
        INDArray features = fixed(2 * BATCH, 5, 1).addi(1.0f);
        java.nio.ByteBuffer bits = java.nio.ByteBuffer.allocate(4096);
        for (Losses.Step s : steps.of(logits, features)) {
            bits.putDouble(s.labeled()).putDouble(s.unlabeled()).putDouble(s.generator()).putInt(s.correct());
            for (INDArray a : new INDArray[] {s.dLogits(), s.dFeatures()}) {
                if (a != null) {
                    for (float f : a.ravel().toFloatVector()) {
                        bits.putFloat(f);
                    }
                }
            }
        }
        return io.github.ssgan.storage.Sha256.of(java.util.Arrays.copyOf(bits.array(), bits.position()));
    }

    @FunctionalInterface
    private interface LossSteps {
        java.util.List<Losses.Step> of(INDArray logits, INDArray features);
    }

    /**
     * The fused losses give the bits they gave before the training techniques existed (digest taken at commit
     * ce15bcf, before FusedObjectives knew them), also when called with every technique off.
     */
    @Test
    void theFusedLossesKeepTheirBits() {
        String before = "3d10673291a0e25265e7f900a54429b609a8c754461cb4c43f99d495751d3230";
        assertThat(digest((logits, features) -> java.util.List.of(
                FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, 0.7),
                FusedObjectives.LOSSES.supervised(logits.getRows(0, 1, 2, 3), LABELS),
                FusedObjectives.LOSSES.generator(features, logits.getRows(0, 1, 2, 3, 4, 5, 6, 7), BATCH, GeneratorLoss.FEATURE_MATCHING),
                FusedObjectives.LOSSES.generator(features, logits.getRows(0, 1, 2, 3, 4, 5, 6, 7), BATCH, GeneratorLoss.COMBINED))))
                .isEqualTo(before);
    }

    /** Every technique off through the methods that take them: the same bits. */
    @Test
    void withEveryTechniqueOffTheFusedLossesKeepTheirBits() {
        String without = digest((logits, features) -> java.util.List.of(
                FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, 0.7),
                FusedObjectives.LOSSES.generator(features, logits.getRows(0, 1, 2, 3, 4, 5, 6, 7), BATCH, GeneratorLoss.COMBINED)));
        assertThat(digest((logits, features) -> java.util.List.of(
                FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, 0.7, Techniques.NONE),
                FusedObjectives.LOSSES.generator(features, logits.getRows(0, 1, 2, 3, 4, 5, 6, 7), BATCH, GeneratorLoss.COMBINED,
                        Techniques.NONE))))
                .isEqualTo(without);
        // a technique that changes neither loss (historical averaging acts on the parameters) leaves them too
        Techniques averaging = new Techniques(1e-3, 1, 0, 5, GeneratorNormalization.BATCH, 0, 0);
        assertThat(digest((logits, features) -> java.util.List.of(
                FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, 0.7, averaging),
                FusedObjectives.LOSSES.generator(features, logits.getRows(0, 1, 2, 3, 4, 5, 6, 7), BATCH, GeneratorLoss.COMBINED,
                        averaging))))
                .isEqualTo(without);
    }

    private static final Techniques SMOOTHING_AND_ENTROPY = new Techniques(0, 0.8, 0, 5, GeneratorNormalization.BATCH, 0.6, 0);
    private static final Techniques PULL_AWAY = new Techniques(0, 1, 0, 5, GeneratorNormalization.BATCH, 0, 0.7);

    /**
     * Label smoothing and the entropy term in the fused step: the values are L_unsup with the smoothed real term plus
     * e·mean H (written out here from the ND4J losses and {@link TechniqueTerms}), the gradient is the value's.
     */
    @Test
    void labelSmoothingAndTheEntropyTermInTheFusedDiscriminatorStep() {
        INDArray logits = logits(3 * BATCH);
        double w = 1.0; // so that labeled + unlabeled is the whole objective
        Losses.Step plain = FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, w);
        Losses.Step step = FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, w, SMOOTHING_AND_ENTROPY);

        double smoothed = 0;
        double entropy = 0;
        for (int i = BATCH; i < 2 * BATCH; i++) {
            double[] row = logits.getRow(i).castTo(DataType.DOUBLE).toDoubleVector();
            double lse = Objectives.logSumExp(logits.getRow(i, true).castTo(DataType.DOUBLE)).getDouble(0);
            smoothed += TechniqueTerms.smoothedReal(lse, 0.8) - FusedKernels.softplus(-lse);
            for (double v : row) {
                double p = Math.exp(v - lse);
                entropy -= p * (v - lse);
            }
        }
        assertThat(step.labeled()).isEqualTo(plain.labeled());
        assertThat(step.correct()).isEqualTo(plain.correct());
        assertThat(step.unlabeled()).isCloseTo(plain.unlabeled() + 0.5 * smoothed / BATCH + 0.6 * entropy / BATCH, within(1e-9));
        // the labeled and generated rows' gradients are untouched
        for (int i : new int[] {0, BATCH - 1, 2 * BATCH, 3 * BATCH - 1}) {
            assertThat(step.dLogits().getRow(i)).isEqualTo(plain.dLogits().getRow(i));
        }
        assertNumeric(logits, step.dLogits(), () -> {
            Losses.Step s = FusedObjectives.LOSSES.discriminator(logits, LABELS, BATCH, w, SMOOTHING_AND_ENTROPY);
            return s.labeled() + w * s.unlabeled();
        });
    }

    /** The pull-away term in the fused generator step: the value plus p·PT, its gradient joining feature matching's. */
    @Test
    void thePullAwayTermInTheFusedGeneratorStep() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 2 * BATCH, 5);
        INDArray logits = logits(2 * BATCH);
        for (GeneratorLoss loss : GeneratorLoss.values()) {
            Losses.Step plain = FusedObjectives.LOSSES.generator(features, logits, BATCH, loss);
            Losses.Step step = FusedObjectives.LOSSES.generator(features, logits, BATCH, loss, PULL_AWAY);
            double[] generated = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(BATCH, 2 * BATCH),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup().castTo(DataType.DOUBLE).ravel().toDoubleVector();
            double[] dPullAway = new double[generated.length];
            double pt = TechniqueTerms.pullAway(generated, BATCH, 5, dPullAway);
            assertThat(pt).isPositive();
            assertThat(step.generator()).as("%s", loss).isCloseTo(plain.generator() + 0.7 * pt, within(1e-9));
            if (loss == GeneratorLoss.COMBINED) {
                assertThat(step.dLogits()).isEqualTo(plain.dLogits());
            }
            // the term's gradient is checked against central differences in double (TechniqueTermsTest); here that
            // it joins feature matching's, weighted (float differences of this curvy term are only good to ~5e-4)
            for (int i = 0; i < generated.length; i++) {
                assertThat(step.dFeatures().getDouble(i)).as("element %d", i)
                        .isCloseTo(plain.dFeatures().getDouble(i) + 0.7 * dPullAway[i], within(1e-7));
            }
        }
    }

    /** The ND4J losses (/1, /2) have no techniques: asked for one, they say so rather than ignore it. */
    @Test
    void theNd4jLossesRefuseATechniqueTheyDoNotHave() {
        INDArray logits = logits(3 * BATCH).castTo(DataType.DOUBLE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Objectives.LOSSES.discriminator(logits, LABELS, BATCH, 1.0,
                SMOOTHING_AND_ENTROPY)).isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Objectives.LOSSES.generator(logits.getRows(0, 1, 2, 3, 4, 5, 6, 7),
                logits.getRows(0, 1, 2, 3, 4, 5, 6, 7), BATCH, GeneratorLoss.FEATURE_MATCHING, PULL_AWAY))
                .isInstanceOf(UnsupportedOperationException.class);
        Losses.Step none = Objectives.LOSSES.discriminator(logits, LABELS, BATCH, 1.0, Techniques.NONE);
        assertThat(none.dLogits()).isEqualTo(Objectives.LOSSES.discriminator(logits, LABELS, BATCH, 1.0).dLogits());
    }
}
