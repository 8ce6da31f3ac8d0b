package io.github.ssgan.model;

import io.github.ssgan.spec.Architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** The hand-written gradients against central differences, in double precision on a small network without noise. */
class GradientCheckTest {
    private static final Architecture TINY = new Architecture(7, new int[] {6, 5, 4}, 3, 0.0, 0.0, 4, new int[] {5, 6});
    private static final int[] LABELS = {0, 2, 1, 2};

    private static Random rng;
    private static INDArray labeled;
    private static INDArray unlabeled;
    private static INDArray noise;

    @BeforeAll
    static void data() {
        rng = Nd4j.getRandomFactory().getNewRandomInstance(7);
        labeled = uniform(4, TINY.inputSize());
        unlabeled = uniform(5, TINY.inputSize());
        noise = uniform(6, TINY.noiseSize());
    }

    private static INDArray uniform(int rows, int cols) {
        INDArray a = Nd4j.create(DataType.DOUBLE, rows, cols);
        Nd4j.getExecutioner().exec(new UniformDistribution(a, 0.0, 1.0), rng);
        return a;
    }

    private static Discriminator discriminator(Reductions reductions) {
        Discriminator d = new Discriminator(TINY, Discriminator.newParameterVector(TINY, DataType.DOUBLE),
                Discriminator.newParameterVector(TINY, DataType.DOUBLE), reductions);
        d.initialise(unlabeled, rng, 0.05);
        // move biases and scales off their data-dependent values so no ReLU sits exactly at a kink
        d.parameters().addi(uniform(1, (int) d.parameters().length()).reshape(d.parameters().length()).muli(0.05));
        return d;
    }

    private static Generator generator(Reductions reductions) {
        Generator g = new Generator(TINY, Generator.newParameterVector(TINY, DataType.DOUBLE),
                Generator.newParameterVector(TINY, DataType.DOUBLE), reductions);
        g.initialise(rng);
        g.parameters().addi(uniform(1, (int) g.parameters().length()).reshape(g.parameters().length()).muli(0.05));
        return g;
    }

    @ParameterizedTest
    @EnumSource(Reductions.class)
    void discriminatorLossGradientMatchesNumericGradient(Reductions reductions) {
        Discriminator d = discriminator(reductions);
        Generator g = generator(reductions);
        INDArray fake = g.forward(noise);
        DoubleSupplier loss = () -> {
            double sup = Objectives.supervised(d.forward(labeled, null), LABELS).value();
            return sup + Objectives.unsupervised(d.forward(unlabeled, null), d.forward(fake, null)).value();
        };
        // analytic: one stacked pass, as the trainer does
        INDArray x = Nd4j.vstack(labeled, unlabeled, fake);
        INDArray logits = d.forward(x, null);
        Objectives.Loss sup = Objectives.supervised(logits.get(rows(0, 4)), LABELS);
        Objectives.Loss uns = Objectives.unsupervised(logits.get(rows(4, 9)), logits.get(rows(9, 15)));
        INDArray dLogits = Nd4j.vstack(sup.gradient(), uns.gradient(), uns.secondGradient());
        d.backward(dLogits, null, 0, 15, true, false);
        assertGradient(d.parameters(), d.gradients().dup(), loss, trainableMask(d));
    }

    @ParameterizedTest
    @EnumSource(Reductions.class)
    void generatorFeatureMatchingAndCombinedGradientsMatchNumericGradient(Reductions reductions) {
        Discriminator d = discriminator(reductions);
        Generator g = generator(reductions);
        for (boolean combined : new boolean[] {false, true}) {
            DoubleSupplier loss = () -> {
                d.forward(unlabeled, null);
                INDArray fu = d.features().dup();
                INDArray logits = d.forward(g.forward(noise), null);
                double l = Objectives.featureMatching(fu, d.features()).value();
                return combined ? l + Objectives.nonSaturating(logits).value() : l;
            };
            INDArray gen = g.forward(noise);
            INDArray logits = d.forward(Nd4j.vstack(unlabeled, gen), null);
            INDArray f = d.features();
            Objectives.Loss fm = Objectives.featureMatching(f.get(rows(0, 5)), f.get(rows(5, 11)));
            INDArray dLogits = combined ? Objectives.nonSaturating(logits.get(rows(5, 11))).gradient() : null;
            INDArray dx = d.backward(dLogits, fm.gradient(), 5, 11, false, true);
            g.backward(dx);
            assertGradient(g.parameters(), g.gradients().dup(), loss, g.parameters().like().assign(1.0));
        }
    }

    /** Hidden layers' weight-norm scales are fixed after initialisation: their gradient must be exactly zero. */
    private static INDArray trainableMask(Discriminator d) {
        INDArray probe = d.gradients().dup();
        INDArray mask = probe.like().assign(1.0);
        long offset = 0;
        int in = TINY.inputSize();
        for (int size : TINY.discriminatorHidden()) {
            long g = offset + (long) in * size;
            for (long j = g; j < g + size; j++) {
                assertThat(probe.getDouble(j)).isZero();
                mask.putScalar(j, 0.0);
            }
            offset += WeightNormDense.parameterCount(in, size);
            in = size;
        }
        return mask;
    }

    private static void assertGradient(INDArray params, INDArray analytic, DoubleSupplier loss, INDArray mask) {
        double eps = 1e-6;
        int checked = 0;
        for (long i = 0; i < params.length(); i++) {
            if (mask.getDouble(i) == 0.0) {
                continue;
            }
            double original = params.getDouble(i);
            params.putScalar(i, original + eps);
            double plus = loss.getAsDouble();
            params.putScalar(i, original - eps);
            double minus = loss.getAsDouble();
            params.putScalar(i, original);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(i);
            assertThat(Math.abs(a - numeric))
                    .as("parameter %d: analytic %s numeric %s", i, a, numeric)
                    .isLessThanOrEqualTo(1e-6 + 1e-4 * Math.max(Math.abs(a), Math.abs(numeric)));
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] rows(int from, int to) {
        return new org.nd4j.linalg.indexing.INDArrayIndex[] {
            org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all()};
    }
}
