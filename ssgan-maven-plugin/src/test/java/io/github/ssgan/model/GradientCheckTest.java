package io.github.ssgan.model;

import io.github.ssgan.spec.Architecture;
import io.github.ssgan.spec.GeneratorLoss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-written gradients against central differences, in double precision on a small network without noise; also
 * with minibatch discrimination in D and virtual batch norm in G, on segments of {@link #BATCH} rows.
 */
class GradientCheckTest {
    private static final Architecture TINY = new Architecture(7, new int[] {6, 5, 4}, 3, 0.0, 0.0, 4, new int[] {5, 6});
    private static final int[] LABELS = {0, 2, 1, 2};
    /** The batch (and segment) size of the tests with the techniques. */
    private static final int BATCH = 4;
    /** Three kernels of dimension 2 on D's 4 features; T's spread makes the closeness neither 0 nor 1. */
    private static final MinibatchDiscrimination.Shape MINIBATCH = new MinibatchDiscrimination.Shape(3, 2, BATCH, 0.5);
    /** Rows of the generator's reference batch. */
    private static final int REFERENCE = 3;

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
        return discriminator(numerics, null, DataType.DOUBLE, false);
    }

    /**
     * @param centred perturb the parameters by U(−0.025, 0.025) rather than U(0, 0.05): all-positive shifts of the
     *                weight directions make the features large (10–40) and the logits saturate (~100), where the
     *                closeness of minibatch discrimination is 0 and the non-saturating cost has no gradient
     */
    private static Discriminator discriminator(Numerics numerics, MinibatchDiscrimination.Shape minibatch, DataType type,
                                               boolean centred) {
        Discriminator d = new Discriminator(TINY, minibatch, Discriminator.newParameterVector(TINY, minibatch, type),
                Discriminator.newParameterVector(TINY, minibatch, type), numerics);
        d.initialise(unlabeled.castTo(type), rng, 0.05);
        // move biases and scales off their data-dependent values so no ReLU sits exactly at a kink
        INDArray shift = uniform(1, (int) d.parameters().length()).reshape(d.parameters().length());
        d.parameters().addi((centred ? shift.subi(0.5) : shift).muli(0.05).castTo(type));
        return d;
    }

    private static Generator generator(Numerics numerics) {
        return generator(numerics, null, DataType.DOUBLE);
    }

    /** With virtual batch norm against {@code reference}'s noise, unless it is null. */
    private static Generator generator(Numerics numerics, INDArray reference, DataType type) {
        Generator g = new Generator(TINY, Generator.newParameterVector(TINY, type),
                Generator.newParameterVector(TINY, type), numerics, reference != null);
        g.initialise(rng);
        g.parameters().addi(uniform(1, (int) g.parameters().length()).reshape(g.parameters().length()).muli(0.05)
                .castTo(type));
        if (reference != null) {
            g.setReferenceNoise(reference.castTo(type));
        }
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

    /** D's loss through minibatch discrimination on the stacked pass: three segments, each compared with itself. */
    @ParameterizedTest
    @EnumSource(value = Numerics.class, names = {"ND4J", "ROW_ORDER"})
    void discriminatorWithMinibatchDiscriminationMatchesNumericGradient(Numerics numerics) {
        Discriminator d = discriminator(numerics, MINIBATCH, DataType.DOUBLE, true);
        Generator g = generator(numerics);
        INDArray x = Nd4j.vstack(labeled, unlabeled.get(rows(0, BATCH)), g.forward(noise.get(rows(0, BATCH))));
        DoubleSupplier loss = () -> {
            Losses.Step s = Objectives.LOSSES.discriminator(d.forward(x, null), LABELS, BATCH, 1.0);
            return s.labeled() + s.unlabeled();
        };
        Losses.Step step = Objectives.LOSSES.discriminator(d.forward(x, null), LABELS, BATCH, 1.0);
        d.backward(step.dLogits(), null, 0, 3 * BATCH, true, false);
        assertGradient(d.parameters(), d.gradients().dup(), loss, trainableMask(d));
    }

    /**
     * G's feature matching (alone and combined) back through D with minibatch discrimination (the generated segment
     * alone), through G with virtual batch norm (whose reference batch's statistics are differentiated too), and both.
     */
    @ParameterizedTest
    @CsvSource({"true, false", "false, true", "true, true"})
    void generatorGradientsWithTheTechniquesMatchNumericGradient(boolean minibatch, boolean virtual) {
        for (Numerics numerics : new Numerics[] {Numerics.ND4J, Numerics.ROW_ORDER}) {
            Discriminator d = discriminator(numerics, minibatch ? MINIBATCH : null, DataType.DOUBLE, true);
            Generator g = generator(numerics, virtual ? uniform(REFERENCE, TINY.noiseSize()) : null, DataType.DOUBLE);
            INDArray unl = unlabeled.get(rows(0, BATCH));
            INDArray z = noise.get(rows(0, BATCH));
            for (GeneratorLoss generatorLoss : GeneratorLoss.values()) {
                DoubleSupplier loss = () -> {
                    INDArray logits = d.forward(Nd4j.vstack(unl, g.forward(z)), null);
                    return Objectives.LOSSES.generator(d.features(), logits, BATCH, generatorLoss).generator();
                };
                INDArray logits = d.forward(Nd4j.vstack(unl, g.forward(z)), null);
                Losses.Step step = Objectives.LOSSES.generator(d.features(), logits, BATCH, generatorLoss);
                g.backward(d.backward(step.dLogits(), step.dFeatures(), BATCH, 2 * BATCH, false, true));
                assertGradient(g.parameters(), g.gradients().dup(), loss, g.parameters().like().assign(1.0));
            }
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
        checkFused(generatorLoss, null, false);
    }

    /**
     * As above with virtual batch norm in G, minibatch discrimination in D, or both. With minibatch discrimination
     * the float central differences are left out: steps of 1e-3 cross the kinks of its L1 distances (some 36 per
     * segment here) often enough to fail by chance; its gradients are checked in double above, and held here to those.
     */
    @ParameterizedTest
    @CsvSource({"feature-matching, false, true", "combined, true, false", "feature-matching, true, true",
        "combined, true, true"})
    void fusedGradientsWithTheTechniquesMatchTheCheckedDoublePrecisionOnes(String loss, boolean minibatch,
                                                                           boolean virtual) {
        checkFused(GeneratorLoss.parse(loss, "loss"), minibatch ? MINIBATCH : null, virtual);
    }

    private static void checkFused(GeneratorLoss generatorLoss, MinibatchDiscrimination.Shape minibatch, boolean virtual) {
        boolean floatNumeric = minibatch == null;
        int batch = BATCH;
        // centred only with minibatch discrimination, whose float central differences are left out: the centred
        // perturbation leaves more ReLUs near their kink, which float-sized steps cross
        Discriminator fd = discriminator(Numerics.FUSED, minibatch, DataType.FLOAT, minibatch != null);
        // the reference batch in float, so that both generators see the same numbers
        INDArray referenceNoise = virtual ? uniform(REFERENCE, TINY.noiseSize()).castTo(DataType.FLOAT) : null;
        Generator fg = generator(Numerics.FUSED, referenceNoise, DataType.FLOAT);
        Discriminator rd = new Discriminator(TINY, minibatch, fd.parameters().castTo(DataType.DOUBLE),
                Discriminator.newParameterVector(TINY, minibatch, DataType.DOUBLE), Numerics.ROW_ORDER);
        Generator rg = new Generator(TINY, fg.parameters().castTo(DataType.DOUBLE),
                Generator.newParameterVector(TINY, DataType.DOUBLE), Numerics.ROW_ORDER, virtual);
        if (virtual) {
            rg.setReferenceNoise(referenceNoise.castTo(DataType.DOUBLE));
        }
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
        if (floatNumeric) {
            assertFloatNumeric(fd.parameters(), fd.gradients().dup(), trainableMask(fd), () -> {
                Losses.Step s = Numerics.FUSED.losses().discriminator(fd.forward(xf, null), LABELS, batch, 1.0);
                return s.labeled() + s.unlabeled();
            });
        }

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
        if (floatNumeric) {
            assertFloatNumeric(fg.parameters(), fg.gradients().dup(), fg.parameters().like().assign(1.0), () -> {
                INDArray l = fd.forward(Nd4j.vstack(uf, fg.forward(zf)), null);
                return Numerics.FUSED.losses().generator(fd.features(), l, batch, generatorLoss).generator();
            });
        }
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
