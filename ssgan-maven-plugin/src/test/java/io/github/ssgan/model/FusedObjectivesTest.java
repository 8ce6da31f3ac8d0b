package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.spec.GeneratorLoss;
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
}
