package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The fused loops must give exactly the bits of the ND4J op chains they replace, or training results would move. */
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
        int threads = Nd4j.getEnvironment().maxThreads();
        Nd4j.getEnvironment().setMaxThreads(2);
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
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
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
