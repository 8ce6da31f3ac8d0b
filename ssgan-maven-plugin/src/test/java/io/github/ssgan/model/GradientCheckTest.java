package io.github.ssgan.model;

import io.github.ssgan.spec.Architecture;
import io.github.ssgan.spec.GeneratorLoss;

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

    private static Discriminator discriminator(Numerics numerics) {
        Discriminator d = new Discriminator(TINY, Discriminator.newParameterVector(TINY, DataType.DOUBLE),
                Discriminator.newParameterVector(TINY, DataType.DOUBLE), numerics);
        d.initialise(unlabeled, rng, 0.05);
        // move biases and scales off their data-dependent values so no ReLU sits exactly at a kink
        d.parameters().addi(uniform(1, (int) d.parameters().length()).reshape(d.parameters().length()).muli(0.05));
        return d;
    }

    private static Generator generator(Numerics numerics) {
        Generator g = new Generator(TINY, Generator.newParameterVector(TINY, DataType.DOUBLE),
                Generator.newParameterVector(TINY, DataType.DOUBLE), numerics);
        g.initialise(rng);
        g.parameters().addi(uniform(1, (int) g.parameters().length()).reshape(g.parameters().length()).muli(0.05));
        return g;
    }

    @ParameterizedTest
    @EnumSource(value = Numerics.class, names = {"ND4J", "ROW_ORDER"})
    void discriminatorLossGradientMatchesNumericGradient(Numerics numerics) {
        Discriminator d = discriminator(numerics);
        Generator g = generator(numerics);
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
    @EnumSource(value = Numerics.class, names = {"ND4J", "ROW_ORDER"})
    void generatorFeatureMatchingAndCombinedGradientsMatchNumericGradient(Numerics numerics) {
        Discriminator d = discriminator(numerics);
        Generator g = generator(numerics);
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

    /**
     * {@link Numerics#FUSED} takes float arrays only, where central differences are coarse: its gradients are held to
     * the double-precision gradients of {@link Numerics#ROW_ORDER} on the same parameters and inputs (those are checked
     * against numeric gradients above) to float rounding, and to float central differences more loosely.
     */
    @ParameterizedTest
    @EnumSource(GeneratorLoss.class)
    void fusedGradientsMatchTheCheckedDoublePrecisionGradientsAndNumericOnes(GeneratorLoss generatorLoss) {
        int batch = 4;
        Discriminator fd = new Discriminator(TINY, Discriminator.newParameterVector(TINY, DataType.FLOAT),
                Discriminator.newParameterVector(TINY, DataType.FLOAT), Numerics.FUSED);
        fd.initialise(unlabeled.castTo(DataType.FLOAT), rng, 0.05);
        fd.parameters().addi(uniform(1, (int) fd.parameters().length()).reshape(fd.parameters().length()).muli(0.05)
                .castTo(DataType.FLOAT));
        Generator fg = new Generator(TINY, Generator.newParameterVector(TINY, DataType.FLOAT),
                Generator.newParameterVector(TINY, DataType.FLOAT), Numerics.FUSED);
        fg.initialise(rng);
        fg.parameters().addi(uniform(1, (int) fg.parameters().length()).reshape(fg.parameters().length()).muli(0.05)
                .castTo(DataType.FLOAT));
        Discriminator rd = new Discriminator(TINY, fd.parameters().castTo(DataType.DOUBLE),
                Discriminator.newParameterVector(TINY, DataType.DOUBLE), Numerics.ROW_ORDER);
        Generator rg = new Generator(TINY, fg.parameters().castTo(DataType.DOUBLE),
                Generator.newParameterVector(TINY, DataType.DOUBLE), Numerics.ROW_ORDER);
        INDArray z = noise.get(rows(0, batch));
        INDArray lab = labeled.get(rows(0, batch));
        INDArray unl = unlabeled.get(rows(0, batch));
        // the same generated images for both: the reference generator's, in each one's type
        INDArray fake = rg.forward(z).dup();

        // discriminator step
        INDArray x = Nd4j.vstack(lab, unl, fake);
        Losses.Step reference = Objectives.LOSSES.discriminator(rd.forward(x, null), LABELS, batch, 1.0);
        rd.backward(reference.dLogits(), null, 0, 3 * batch, true, false);
        INDArray xf = x.castTo(DataType.FLOAT);
        Losses.Step fused = Numerics.FUSED.losses().discriminator(fd.forward(xf, null), LABELS, batch, 1.0);
        fd.backward(fused.dLogits(), null, 0, 3 * batch, true, false);
        assertThat(fused.labeled() + fused.unlabeled()).isCloseTo(reference.labeled() + reference.unlabeled(),
                org.assertj.core.api.Assertions.within(1e-4));
        assertMatchesReference(fd.gradients(), rd.gradients());
        assertFloatNumeric(fd.parameters(), fd.gradients().dup(), trainableMask(fd), () -> {
            Losses.Step s = Numerics.FUSED.losses().discriminator(fd.forward(xf, null), LABELS, batch, 1.0);
            return s.labeled() + s.unlabeled();
        });

        // generator step: D's features of unlabeled and generated rows, back to G's parameters
        INDArray referenceLogits = rd.forward(Nd4j.vstack(unl, rg.forward(z)), null);
        Losses.Step ref = Objectives.LOSSES.generator(rd.features(), referenceLogits, batch, generatorLoss);
        rg.backward(rd.backward(ref.dLogits(), ref.dFeatures(), batch, 2 * batch, false, true));
        INDArray zf = z.castTo(DataType.FLOAT);
        INDArray uf = unl.castTo(DataType.FLOAT);
        INDArray logits = fd.forward(Nd4j.vstack(uf, fg.forward(zf)), null);
        fused = Numerics.FUSED.losses().generator(fd.features(), logits, batch, generatorLoss);
        fg.backward(fd.backward(fused.dLogits(), fused.dFeatures(), batch, 2 * batch, false, true));
        assertThat(fused.generator()).isCloseTo(ref.generator(), org.assertj.core.api.Assertions.within(1e-4));
        assertMatchesReference(fg.gradients(), rg.gradients());
        assertFloatNumeric(fg.parameters(), fg.gradients().dup(), fg.parameters().like().assign(1.0), () -> {
            INDArray l = fd.forward(Nd4j.vstack(uf, fg.forward(zf)), null);
            return Numerics.FUSED.losses().generator(fd.features(), l, batch, generatorLoss).generator();
        });
    }

    /** Float gradients against double ones: within 1e-4 of the largest plus 1e-3 of each. */
    private static void assertMatchesReference(INDArray fused, INDArray reference) {
        double[] f = fused.castTo(DataType.DOUBLE).toDoubleVector();
        double[] r = reference.toDoubleVector();
        double largest = 0;
        for (double v : r) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertThat(largest).isPositive();
        for (int i = 0; i < r.length; i++) {
            assertThat(Math.abs(f[i] - r[i])).as("parameter %d: fused %s reference %s", i, f[i], r[i])
                    .isLessThanOrEqualTo(1e-4 * largest + 1e-3 * Math.abs(r[i]));
        }
    }

    /** Central differences in float, step 1e-3: within 2 % of the largest gradient plus 5 % of each. */
    private static void assertFloatNumeric(INDArray params, INDArray analytic, INDArray mask, DoubleSupplier loss) {
        double largest = 0;
        for (long i = 0; i < analytic.length(); i++) {
            largest = Math.max(largest, Math.abs(analytic.getDouble(i)));
        }
        float h = 1e-3f;
        int checked = 0;
        for (long i = 0; i < params.length(); i++) {
            if (mask.getDouble(i) == 0.0) {
                continue;
            }
            float original = params.getFloat(i);
            params.putScalar(i, original + h);
            double up = (double) (original + h) - original;
            double plus = loss.getAsDouble();
            params.putScalar(i, original - h);
            double down = original - (double) (original - h);
            double minus = loss.getAsDouble();
            params.putScalar(i, original);
            double numeric = (plus - minus) / (up + down);
            double a = analytic.getDouble(i);
            assertThat(Math.abs(a - numeric)).as("parameter %d: analytic %s numeric %s", i, a, numeric)
                    .isLessThanOrEqualTo(0.02 * largest + 0.05 * Math.abs(a));
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
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
