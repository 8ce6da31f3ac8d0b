package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fused loops must give exactly the bits of the ND4J op chains they replace, or training results would move; the
 * row-order column sums, which only {@link Reductions#ROW_ORDER} uses, the bits of their own summation order.
 */
class KernelsTest {
    /** Rows 2..6 of a random 8×5 matrix (a view with an offset), with −0, NaN and exact zeros planted. */
    private static INDArray awkward(DataType type) {
        INDArray m = Nd4j.rand(type, 8, 5).subi(0.5).muli(3);
        m.putScalar(3, 1, -0.0);
        m.putScalar(4, 2, Double.NaN);
        m.putScalar(5, 0, 0.0);
        return m.get(NDArrayIndex.interval(2, 7), NDArrayIndex.all());
    }

    private static void assertSameBits(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (long i = 0; i < expected.length(); i++) {
            assertThat(Double.doubleToRawLongBits(actual.getDouble(i)))
                    .as("element %d: %s vs %s", i, actual.getDouble(i), expected.getDouble(i))
                    .isEqualTo(Double.doubleToRawLongBits(expected.getDouble(i)));
        }
    }

    @Test
    void scaleShiftAndReluMatchTheNd4jOpsBitForBit() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = awkward(type);
            INDArray k = Nd4j.rand(type, 1, 5).subi(0.5);
            INDArray b = Nd4j.rand(type, 1, 5).subi(0.5);
            for (boolean relu : new boolean[] {false, true}) {
                INDArray expected = a.mulRowVector(k).addiRowVector(b);
                expected = relu ? Transforms.relu(expected, false) : expected;
                INDArray out = Nd4j.create(type, 5, 5);
                Kernels.scaleColumns(a, k, b, relu, out);
                assertSameBits(out, expected);
            }
            INDArray out = Nd4j.create(type, 5, 5);
            Kernels.scaleColumns(a, k, null, false, out);
            assertSameBits(out, a.mulRowVector(k));
        }
    }

    @Test
    void reluGradientMatchesMultiplyingByTheStepBitForBit() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray activation = awkward(type);
            INDArray delta = Nd4j.rand(type, 5, 5).subi(0.5);
            INDArray expected = delta.mul(Transforms.step(activation, true));
            Kernels.reluGradient(delta, activation);
            assertSameBits(delta, expected);
        }
    }

    @Test
    void arraysLargeEnoughToBeSplitOverThreadsGiveTheSameBits() {
        int threads = ParallelLoop.threads();
        ParallelLoop.setThreads(2);
        try {
            INDArray a = Nd4j.rand(DataType.FLOAT, 300, 1000).subi(0.5);
            INDArray k = Nd4j.rand(DataType.FLOAT, 1, 1000).subi(0.5);
            INDArray b = Nd4j.rand(DataType.FLOAT, 1, 1000).subi(0.5);
            INDArray out = a.ulike();
            Kernels.scaleColumns(a, k, b, true, out);
            assertThat(out.toFloatMatrix()).isEqualTo(Transforms.relu(a.mulRowVector(k).addiRowVector(b), false).toFloatMatrix());

            INDArray delta = Nd4j.rand(DataType.FLOAT, 300, 1000).subi(0.5);
            INDArray expected = delta.mul(Transforms.step(a, true));
            Kernels.reluGradient(delta, a);
            assertThat(delta.toFloatMatrix()).isEqualTo(expected.toFloatMatrix());
        } finally {
            ParallelLoop.setThreads(threads);
        }
    }

    @Test
    void weightNormFactorsMatchTheNd4jOpsBitForBit() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray g = Nd4j.rand(type, 1, 7).addi(0.5);
            INDArray norm = Nd4j.rand(type, 1, 7).addi(0.1);
            INDArray c = Nd4j.rand(type, 1, 7).subi(0.5);
            INDArray scale = Nd4j.create(type, 1, 7);
            INDArray dg = Nd4j.create(type, 1, 7);

            Kernels.weightNormFactors(g, norm, null, scale, null);
            assertSameBits(scale, g.div(norm));
            Kernels.weightNormFactors(g, norm, c, scale, dg);
            assertSameBits(scale, c.mul(g).divi(norm.mul(norm).muli(norm)).negi());
            assertSameBits(dg, c.div(norm));
        }
    }

    /** Both ways agree, to rounding, with column sums computed here in double precision. */
    @Test
    void columnReductionsAgreeWithADoublePrecisionReferenceToRounding() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = awkwardWithoutNaN(type);
            INDArray b = Nd4j.rand(type, 5, 5).subi(0.5);
            double[][] x = a.toDoubleMatrix();
            double[][] y = b.toDoubleMatrix();
            double[] sums = new double[5];
            double[] dots = new double[5];
            double[] norms = new double[5];
            for (int j = 0; j < 5; j++) {
                double squares = 0;
                for (int i = 0; i < 5; i++) {
                    sums[j] += x[i][j];
                    dots[j] += x[i][j] * y[i][j];
                    squares += x[i][j] * x[i][j];
                }
                norms[j] = Math.sqrt(squares);
            }
            // relative to the magnitude: 5 roundings in the array's type
            double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-14;
            INDArray buffer = Nd4j.create(type, 1, 5);
            for (Reductions r : Reductions.values()) {
                assertClose(r + " sums", r.columnSums(a, buffer).toDoubleVector(), sums, tolerance);
                assertClose(r + " dots", r.columnDots(a, b, buffer).toDoubleVector(), dots, tolerance);
                assertClose(r + " norms", r.columnNorms(a, buffer).toDoubleVector(), norms, tolerance);
            }
            INDArray target = Nd4j.create(type, 1, 5);
            Reductions.ROW_ORDER.columnSumsInto(a, target);
            assertClose("columnSumsInto", target.toDoubleVector(), sums, tolerance);
        }
    }

    /** The row-order loop adds row after row in float: the bits of that order, which ND4J's reductions need not keep. */
    @Test
    void rowOrderColumnSumsGiveTheBitsOfAddingRowAfterRowInFloat() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 300, 7).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 300, 7).subi(0.5);
        float[][] x = a.toFloatMatrix();
        float[][] y = b.toFloatMatrix();
        float[] sums = new float[7];
        float[] dots = new float[7];
        for (float[] row : x) {
            for (int j = 0; j < 7; j++) {
                sums[j] += row[j];
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 7; j++) {
                dots[j] += x[i][j] * y[i][j];
            }
        }
        INDArray buffer = Nd4j.create(DataType.FLOAT, 1, 7);
        assertThat(Reductions.ROW_ORDER.columnSums(a, buffer).toFloatVector()).containsExactly(sums);
        assertThat(Reductions.ROW_ORDER.columnDots(a, b, buffer).toFloatVector()).containsExactly(dots);
    }

    private static void assertClose(String what, double[] actual, double[] expected, double tolerance) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            assertThat(actual[j]).as("%s, column %d", what, j)
                    .isCloseTo(expected[j], within(tolerance * Math.max(1, Math.abs(expected[j]))));
        }
    }

    private static INDArray awkwardWithoutNaN(DataType type) {
        INDArray m = awkward(type);
        m.putScalar(2, 2, 0.25);
        return m;
    }

    @Test
    void refusesOperandsItWouldMisread() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 3);
        assertThatThrownBy(() -> Kernels.scaleColumns(a, Nd4j.rand(DataType.DOUBLE, 1, 3), null, false, a.like()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT");
        assertThatThrownBy(() -> Kernels.reluGradient(a.transpose(), Nd4j.rand(DataType.FLOAT, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row-major");
    }
}
