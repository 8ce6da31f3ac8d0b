package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The minibatch features against their definition, segment by segment, and the layer's bits against themselves split
 * over 1, 2 and 3 threads. Its gradients are checked in {@code GradientCheckTest}, inside the discriminator.
 */
class MinibatchDiscriminationTest {
    private final int threads = ParallelLoop.threads();

    @AfterEach
    void restoreThreads() {
        ParallelLoop.setThreads(threads);
    }

    private static MinibatchDiscrimination layer(int in, MinibatchDiscrimination.Shape shape, INDArray t, boolean gradients) {
        INDArray params = t.dup().reshape(t.length());
        INDArray grads = gradients ? params.like() : null;
        return new MinibatchDiscrimination(in, shape, Numerics.FUSED, new ParameterSlicer(params),
                grads == null ? null : new ParameterSlicer(grads));
    }

    @Test
    void featuresAreTheClosenessToTheOtherRowsOfTheSameSegment() {
        int in = 4;
        int kernels = 3;
        int dimension = 2;
        int segment = 3;
        MinibatchDiscrimination.Shape shape = new MinibatchDiscrimination.Shape(kernels, dimension, segment, 0.5);
        INDArray f = Nd4j.rand(DataType.DOUBLE, 7, in); // segments of 3, 3 and 1 rows
        INDArray t = Nd4j.randn(DataType.DOUBLE, in, (long) kernels * dimension).muli(0.5);
        INDArray out = layer(in, shape, t, true).forward(f);
        INDArray m = f.mmul(t);
        assertThat(out.columns()).isEqualTo(in + kernels);
        for (int i = 0; i < 7; i++) {
            int first = i / segment * segment;
            for (int j = 0; j < in; j++) {
                assertThat(out.getDouble(i, j)).isEqualTo(f.getDouble(i, j));
            }
            for (int b = 0; b < kernels; b++) {
                double o = 0;
                for (int k = first; k < Math.min(first + segment, 7); k++) {
                    double distance = 0;
                    for (int c = 0; c < dimension; c++) {
                        // column c·B + b holds kernel b's dimension c
                        distance += Math.abs(m.getDouble(i, c * kernels + b) - m.getDouble(k, c * kernels + b));
                    }
                    o += k == i ? 0 : Math.exp(-distance);
                }
                assertThat(out.getDouble(i, in + b)).as("row %d kernel %d", i, b)
                        .isCloseTo(o, org.assertj.core.api.Assertions.within(1e-12));
            }
        }
        assertThat(out.getDouble(6, in)).as("a segment of one row has no other rows").isZero();
        assertThat(layer(in, shape, t, false).forward(f)).as("without gradients, one segment at a time").isEqualTo(out);
    }

    /** The trainer's shapes: three segments of 100 rows, 250 features, 100 kernels of dimension 5. */
    @Test
    void theSameBitsHoweverTheLoopsAreSplit() {
        MinibatchDiscrimination.Shape shape = new MinibatchDiscrimination.Shape(100, 5, 100, 0.05);
        INDArray f = Nd4j.rand(DataType.FLOAT, 300, 250);
        INDArray t = Nd4j.randn(DataType.FLOAT, 250, 500).muli(0.05);
        INDArray dOut = Nd4j.randn(DataType.FLOAT, 300, 350);
        INDArray[] first = null;
        for (int count : new int[] {1, 2, 3}) {
            ParallelLoop.setThreads(count);
            INDArray params = t.dup().reshape(t.length());
            INDArray grads = params.like();
            MinibatchDiscrimination layer = new MinibatchDiscrimination(250, shape, Numerics.FUSED,
                    new ParameterSlicer(params), new ParameterSlicer(grads));
            INDArray out = layer.forward(f);
            INDArray dF = layer.backward(dOut.dup(), 0, 300, true);
            INDArray dT = grads.dup();
            INDArray dGenerated = layer.backward(dOut.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(100, 200),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), 100, 200, false);
            INDArray[] results = {out, dF, dT, dGenerated};
            if (first == null) {
                first = results;
                assertThat(grads.amaxNumber().doubleValue()).isPositive();
            } else {
                for (int i = 0; i < results.length; i++) {
                    assertThat(results[i]).as("result %d with %d threads", i, count).isEqualTo(first[i]);
                }
            }
            assertThat(grads).as("a pass without parameter gradients leaves them").isEqualTo(dT);
        }
    }

    @Test
    void backPropagationTakesWholeSegments() {
        MinibatchDiscrimination.Shape shape = new MinibatchDiscrimination.Shape(2, 2, 3, 0.5);
        INDArray t = Nd4j.randn(DataType.FLOAT, 4, 4);
        MinibatchDiscrimination layer = layer(4, shape, t, true);
        layer.forward(Nd4j.rand(DataType.FLOAT, 7, 4));
        assertThatThrownBy(() -> layer.backward(Nd4j.rand(DataType.FLOAT, 3, 6), 1, 4, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole segments of 3");
        assertThat(layer.backward(Nd4j.rand(DataType.FLOAT, 4, 6), 3, 7, true).shape()).containsExactly(4, 4);
        MinibatchDiscrimination inference = layer(4, shape, t, false);
        inference.forward(Nd4j.rand(DataType.FLOAT, 6, 4));
        assertThatThrownBy(() -> inference.backward(Nd4j.rand(DataType.FLOAT, 6, 6), 0, 6, false))
                .isInstanceOf(IllegalStateException.class);
    }
}
