package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.model.FusedKernels.Activation;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fused loops of {@link Numerics#FUSED} against the ND4J ops or double-precision formulas they stand for, their
 * backward passes against numeric gradients, and every one of them against itself split over 1, 2 and 3 threads:
 * the same bits, so a run's numbers never depend on how many threads the loops had.
 */
class FusedKernelsTest {
    private final int threads = ParallelLoop.threads();

    @AfterEach
    void restoreThreads() {
        ParallelLoop.setThreads(threads);
    }

    private static INDArray rand(long rows, long cols) {
        return Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5).muli(4);
    }

    /** Rows 2..7 of a 9-row matrix: a view with an offset, as the trainer's row ranges are. */
    private static INDArray view(long cols) {
        return rand(9, cols).get(NDArrayIndex.interval(2, 7), NDArrayIndex.all());
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        double[] a = actual.castTo(DataType.DOUBLE).reshape(actual.length()).toDoubleVector();
        double[] e = expected.castTo(DataType.DOUBLE).reshape(expected.length()).toDoubleVector();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) {
            assertThat(Math.abs(a[i] - e[i])).as("element %d: %s vs %s", i, a[i], e[i])
                    .isLessThanOrEqualTo(tolerance * Math.max(1.0, Math.abs(e[i])));
        }
    }

    @Test
    void columnNormsGiveTheRowOrderBits() {
        INDArray v = view(7);
        INDArray out = Nd4j.create(DataType.FLOAT, 1, 7);
        FusedKernels.columnNorms(v, out);
        assertThat(out).isEqualTo(Kernels.columnSums(v, v, true, Nd4j.create(DataType.FLOAT, 1, 7)));
    }

    @Test
    void affineIsScaleShiftAndActivationAndAddsItselfToTheNoise() {
        INDArray linear = view(6);
        INDArray scale = rand(1, 6);
        INDArray bias = rand(1, 6);
        INDArray shifted = linear.mulRowVector(scale).addiRowVector(bias);
        for (Activation act : Activation.values()) {
            INDArray out = Nd4j.create(DataType.FLOAT, 5, 6);
            INDArray noise = rand(5, 6);
            INDArray noiseBefore = noise.dup();
            FusedKernels.affine(linear, scale, bias, act, out, noise);
            INDArray expected = switch (act) {
                case NONE -> shifted;
                case RELU -> Transforms.relu(shifted, true);
                case SIGMOID -> Transforms.sigmoid(shifted, true);
            };
            // scale and shift are the same two float roundings as ND4J's ops; the sigmoid is computed in double
            assertClose(out, expected, act == Activation.SIGMOID ? 1e-6 : 0.0);
            assertClose(noise, noiseBefore.add(out), 0.0);
        }
    }

    @Test
    void affineBackwardTakesTheDerivativeScalesAndSumsColumns() {
        INDArray dOut = view(6);
        INDArray pre = rand(5, 6);
        INDArray scale = rand(1, 6);
        INDArray linear = rand(5, 6);
        for (Activation act : Activation.values()) {
            INDArray out = switch (act) {
                case NONE -> pre;
                case RELU -> Transforms.relu(pre, true);
                case SIGMOID -> Transforms.sigmoid(pre, true);
            };
            INDArray derivative = switch (act) {
                case NONE -> pre.like().assign(1.0);
                case RELU -> Transforms.step(out, true);
                case SIGMOID -> out.mul(out.rsub(1.0));
            };
            INDArray d = dOut.mul(derivative);
            INDArray c = Nd4j.create(DataType.FLOAT, 1, 6);
            INDArray db = Nd4j.create(DataType.FLOAT, 1, 6);
            INDArray scaled = Nd4j.create(DataType.FLOAT, 5, 6);
            FusedKernels.affineBackward(dOut, out, act, scale, linear, c, db, scaled);
            assertClose(scaled, d.mulRowVector(scale), 1e-6);
            assertClose(c, d.mul(linear).sum(true, 0), 1e-5);
            assertClose(db, d.sum(true, 0), 1e-5);
            // without the sums, in place
            INDArray inPlace = dOut.dup();
            FusedKernels.affineBackward(inPlace, out, act, scale, null, null, null, inPlace);
            assertThat(inPlace).isEqualTo(scaled);
        }
    }

    @Test
    void reluMaskKeepsExactlyWherePositive() {
        assertThat(FusedKernels.reluMask(0f, 3f)).isEqualTo(0f);
        assertThat(Float.floatToRawIntBits(FusedKernels.reluMask(0f, -3f))).isZero(); // +0, not −0
        assertThat(FusedKernels.reluMask(Float.MIN_VALUE, -3f)).isEqualTo(-3f);
        assertThat(FusedKernels.reluMask(1e30f, 2.5f)).isEqualTo(2.5f);
        assertThat(FusedKernels.reluMask(Float.POSITIVE_INFINITY, 2.5f)).isEqualTo(2.5f);
    }

    @Test
    void weightNormFactorsAndScalingFollowTheirFormulas() {
        INDArray g = rand(1, 5).addi(3);
        INDArray norm = rand(1, 5).addi(3);
        INDArray c = rand(1, 5);
        INDArray k = Nd4j.create(DataType.FLOAT, 1, 5);
        INDArray dg = Nd4j.create(DataType.FLOAT, 1, 5);
        FusedKernels.weightNormFactors(g, norm, c, k, dg);
        assertThat(k).isEqualTo(c.mul(g).divi(norm.mul(norm).muli(norm)).negi());
        assertThat(dg).isEqualTo(c.div(norm));
        INDArray scale = Nd4j.create(DataType.FLOAT, 1, 5);
        FusedKernels.divide(g, norm, scale);
        assertThat(scale).isEqualTo(g.div(norm));
        INDArray v = view(5);
        INDArray out = Nd4j.create(DataType.FLOAT, 5, 5);
        FusedKernels.scaleColumns(v, k, out);
        assertThat(out).isEqualTo(v.mulRowVector(k));
        INDArray target = rand(5, 5);
        INDArray sum = target.add(v);
        FusedKernels.addInto(v, target);
        assertThat(target).isEqualTo(sum);
        FusedKernels.zero(target);
        assertThat(target.sumNumber().doubleValue()).isZero();
    }

    /** Batch norm with the batch's statistics, shift, softplus and its slope, against the formulas in double. */
    @Test
    void batchNormSoftplusMatchesTheFormulasInDouble() {
        INDArray a = rand(7, 4).muli(3).addi(1);
        INDArray beta = rand(1, 4);
        double eps = 1e-6;
        double[][] x = a.toDoubleMatrix();
        INDArray normalized = Nd4j.create(DataType.FLOAT, 7, 4);
        INDArray invStd = Nd4j.create(DataType.FLOAT, 1, 4);
        INDArray out = Nd4j.create(DataType.FLOAT, 7, 4);
        INDArray sig = Nd4j.create(DataType.FLOAT, 7, 4);
        FusedKernels.batchNormSoftplus(a, beta, eps, normalized, invStd, out, sig);
        double[][] expected = forwardInDouble(x, beta.toDoubleVector(), eps);
        double[][] expectedSlope = new double[7][4];
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 7; i++) {
                double pre = expected[7 + i][j] + beta.getDouble(j);
                expectedSlope[i][j] = 1 / (1 + Math.exp(-pre));
                assertThat(normalized.getDouble(i, j)).isCloseTo(expected[7 + i][j], org.assertj.core.api.Assertions.within(1e-5));
            }
        }
        assertClose(out, Nd4j.createFromArray(slice(expected, 0, 7)).castTo(DataType.FLOAT), 1e-6);
        assertClose(sig, Nd4j.createFromArray(expectedSlope).castTo(DataType.FLOAT), 1e-6);
    }

    /** Rows 0..n: softplus(x̂ + β); rows n..2n: x̂. */
    private static double[][] forwardInDouble(double[][] x, double[] beta, double eps) {
        int n = x.length;
        int m = x[0].length;
        double[][] result = new double[2 * n][m];
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= n;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double inv = 1 / Math.sqrt(var / n + eps);
            for (int i = 0; i < n; i++) {
                double xHat = (x[i][j] - mean) * inv;
                double pre = xHat + beta[j];
                result[n + i][j] = xHat;
                result[i][j] = Math.max(pre, 0) + Math.log1p(Math.exp(-Math.abs(pre)));
            }
        }
        return result;
    }

    private static double[][] slice(double[][] rows, int from, int to) {
        return java.util.Arrays.copyOfRange(rows, from, to);
    }

    /** The backward pass against central differences of the double-precision forward pass, for L = Σ r ⊙ out. */
    @Test
    void batchNormSoftplusBackwardMatchesNumericGradients() {
        int n = 6;
        int m = 3;
        INDArray a = rand(n, m).muli(2);
        INDArray beta = rand(1, m);
        INDArray r = rand(n, m);
        double eps = 1e-6;
        INDArray normalized = Nd4j.create(DataType.FLOAT, n, m);
        INDArray invStd = Nd4j.create(DataType.FLOAT, 1, m);
        INDArray out = Nd4j.create(DataType.FLOAT, n, m);
        INDArray sig = Nd4j.create(DataType.FLOAT, n, m);
        FusedKernels.batchNormSoftplus(a, beta, eps, normalized, invStd, out, sig);
        INDArray da = Nd4j.create(DataType.FLOAT, n, m);
        INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, m);
        FusedKernels.batchNormSoftplusBackward(r.dup(), sig, normalized, invStd, dBeta, da);

        double[][] x = a.toDoubleMatrix();
        double[] b = beta.toDoubleVector();
        double[][] weights = r.toDoubleMatrix();
        double h = 1e-5;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double original = x[i][j];
                x[i][j] = original + h;
                double plus = weighted(forwardInDouble(x, b, eps), weights);
                x[i][j] = original - h;
                double minus = weighted(forwardInDouble(x, b, eps), weights);
                x[i][j] = original;
                assertThat(da.getDouble(i, j)).as("∂L/∂a[%d,%d]", i, j)
                        .isCloseTo((plus - minus) / (2 * h), org.assertj.core.api.Assertions.within(2e-5));
            }
        }
        for (int j = 0; j < m; j++) {
            double original = b[j];
            b[j] = original + h;
            double plus = weighted(forwardInDouble(x, b, eps), weights);
            b[j] = original - h;
            double minus = weighted(forwardInDouble(x, b, eps), weights);
            b[j] = original;
            assertThat(dBeta.getDouble(j)).as("∂L/∂β[%d]", j)
                    .isCloseTo((plus - minus) / (2 * h), org.assertj.core.api.Assertions.within(2e-5));
        }
    }

    private static double weighted(double[][] forward, double[][] weights) {
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            for (int j = 0; j < weights[i].length; j++) {
                sum += forward[i][j] * weights[i][j];
            }
        }
        return sum;
    }

    /** The affine backward pass against central differences of Σ r ⊙ act(linear ⊙ s + b) in double. */
    @Test
    void affineBackwardMatchesNumericGradients() {
        INDArray linear = rand(4, 3);
        INDArray scale = rand(1, 3);
        INDArray bias = rand(1, 3);
        INDArray r = rand(4, 3);
        for (Activation act : Activation.values()) {
            INDArray out = Nd4j.create(DataType.FLOAT, 4, 3);
            FusedKernels.affine(linear, scale, bias, act, out, null);
            INDArray c = Nd4j.create(DataType.FLOAT, 1, 3);
            INDArray db = Nd4j.create(DataType.FLOAT, 1, 3);
            INDArray scaled = Nd4j.create(DataType.FLOAT, 4, 3);
            FusedKernels.affineBackward(r, out, act, scale, linear, c, db, scaled);
            double h = 1e-6;
            double[] s = scale.toDoubleVector();
            double[] b = bias.toDoubleVector();
            double[][] l = linear.toDoubleMatrix();
            double[][] w = r.toDoubleMatrix();
            Supplier<Double> loss = () -> {
                double sum = 0;
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 3; j++) {
                        double pre = l[i][j] * s[j] + b[j];
                        double y = switch (act) {
                            case NONE -> pre;
                            case RELU -> Math.max(pre, 0);
                            case SIGMOID -> 1 / (1 + Math.exp(-pre));
                        };
                        sum += w[i][j] * y;
                    }
                }
                return sum;
            };
            for (int j = 0; j < 3; j++) {
                // c_j = ∂L/∂s_j, dBias_j = ∂L/∂b_j, scaled_ij = ∂L/∂linear_ij
                assertThat(c.getDouble(j)).as("%s c[%d]", act, j).isCloseTo(numeric(s, j, h, loss), org.assertj.core.api.Assertions.within(1e-4));
                assertThat(db.getDouble(j)).as("%s db[%d]", act, j).isCloseTo(numeric(b, j, h, loss), org.assertj.core.api.Assertions.within(1e-4));
                for (int i = 0; i < 4; i++) {
                    assertThat(scaled.getDouble(i, j)).as("%s scaled[%d,%d]", act, i, j)
                            .isCloseTo(numeric(l[i], j, h, loss), org.assertj.core.api.Assertions.within(1e-4));
                }
            }
        }
    }

    private static double numeric(double[] values, int j, double h, Supplier<Double> loss) {
        double original = values[j];
        values[j] = original + h;
        double plus = loss.get();
        values[j] = original - h;
        double minus = loss.get();
        values[j] = original;
        return (plus - minus) / (2 * h);
    }

    /** Arrays large enough to be split: each kernel gives the same bits with 1, 2 and 3 threads. */
    @Test
    void everyKernelGivesTheSameBitsHoweverItIsSplit() {
        INDArray linear = rand(300, 500);
        INDArray scale = rand(1, 500);
        INDArray bias = rand(1, 500);
        INDArray noise = rand(300, 500);
        INDArray dOut = rand(300, 500);
        INDArray v = rand(784, 500);
        INDArray beta = rand(1, 500);
        INDArray[] reference = null;
        for (int t : new int[] {1, 2, 3}) {
            ParallelLoop.setThreads(t);
            INDArray norms = Nd4j.create(DataType.FLOAT, 1, 500);
            FusedKernels.columnNorms(v, norms);
            INDArray out = Nd4j.create(DataType.FLOAT, 300, 500);
            INDArray noisy = noise.dup();
            FusedKernels.affine(linear, scale, bias, Activation.RELU, out, noisy);
            INDArray c = Nd4j.create(DataType.FLOAT, 1, 500);
            INDArray db = Nd4j.create(DataType.FLOAT, 1, 500);
            INDArray scaled = dOut.dup();
            FusedKernels.affineBackward(scaled, out, Activation.RELU, scale, linear, c, db, scaled);
            INDArray scaledOnly = dOut.dup();
            FusedKernels.affineBackward(scaledOnly, out, Activation.SIGMOID, scale, null, null, null, scaledOnly);
            INDArray dv = Nd4j.create(DataType.FLOAT, 784, 500);
            FusedKernels.scaleColumns(v, scale, dv);
            INDArray sum = noise.dup();
            FusedKernels.addInto(linear, sum);
            INDArray normalized = Nd4j.create(DataType.FLOAT, 300, 500);
            INDArray invStd = Nd4j.create(DataType.FLOAT, 1, 500);
            INDArray softplus = Nd4j.create(DataType.FLOAT, 300, 500);
            INDArray slope = Nd4j.create(DataType.FLOAT, 300, 500);
            FusedKernels.batchNormSoftplus(linear, beta, 1e-6, normalized, invStd, softplus, slope);
            INDArray da = Nd4j.create(DataType.FLOAT, 300, 500);
            INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, 500);
            FusedKernels.batchNormSoftplusBackward(dOut, slope, normalized, invStd, dBeta, da);
            INDArray[] results = {norms, out, noisy, c, db, scaled, scaledOnly, dv, sum, normalized, invStd, softplus,
                slope, da, dBeta};
            if (reference == null) {
                reference = results;
            } else {
                for (int i = 0; i < results.length; i++) {
                    assertThat(results[i]).as("result %d with %d threads", i, t).isEqualTo(reference[i]);
                }
            }
        }
    }

    @Test
    void onlyFloatArraysAreTaken() {
        assertThatThrownBy(() -> FusedKernels.memory(Nd4j.create(DataType.DOUBLE, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT");
    }
}
