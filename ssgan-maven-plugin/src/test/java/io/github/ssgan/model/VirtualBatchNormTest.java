package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.spec.Architecture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Virtual batch norm against the paper's form (the reference batch's mean and mean square blended with the example's
 * own), a generated image's independence of the rest of its batch, and the same bits however the loops are split. Its
 * gradients are checked in {@code GradientCheckTest}, inside the generator.
 */
class VirtualBatchNormTest {
    private static final double EPSILON = 1e-6;
    private final int threads = ParallelLoop.threads();

    @AfterEach
    void restoreThreads() {
        ParallelLoop.setThreads(threads);
    }

    @Test
    void liveRowsAreNormalizedWithTheReferenceBatchAndThemselves() {
        int live = 3;
        int reference = 5;
        int cols = 4;
        INDArray a = Nd4j.randn(DataType.DOUBLE, live + reference, cols).muli(3).addi(1);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 1, cols);
        INDArray out = Nd4j.create(DataType.DOUBLE, live + reference, cols);
        INDArray slope = Nd4j.create(DataType.DOUBLE, live + reference, cols);
        new VirtualBatchNorm(cols, EPSILON).forward(a, live, beta, out, slope);
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            double sumSquares = 0;
            for (int r = live; r < live + reference; r++) {
                sum += a.getDouble(r, j);
                sumSquares += a.getDouble(r, j) * a.getDouble(r, j);
            }
            for (int i = 0; i < live + reference; i++) {
                double x = a.getDouble(i, j);
                boolean isLive = i < live;
                // the paper's code: mean and mean square of the reference batch, with the example itself if live
                double n = isLive ? reference + 1 : reference;
                double mean = (sum + (isLive ? x : 0)) / n;
                double meanSquare = (sumSquares + (isLive ? x * x : 0)) / n;
                double xHat = (x - mean) / Math.sqrt(meanSquare - mean * mean + EPSILON);
                double shifted = xHat + beta.getDouble(0, j);
                assertThat(out.getDouble(i, j)).as("row %d column %d", i, j)
                        .isCloseTo(Math.log1p(Math.exp(shifted)), within(1e-10));
                assertThat(slope.getDouble(i, j)).isCloseTo(1 / (1 + Math.exp(-shifted)), within(1e-12));
            }
        }
    }

    @Test
    void aGeneratedImageDependsOnItsNoiseAndTheReferenceBatchAloneNotOnItsBatch() {
        Architecture arch = new Architecture(7, new int[] {6}, 3, 0.0, 0.0, 4, new int[] {5, 6});
        Generator g = new Generator(arch, Generator.newParameterVector(arch, DataType.DOUBLE), null, Numerics.ROW_ORDER,
                true);
        g.initialise(Nd4j.getRandomFactory().getNewRandomInstance(3));
        g.setReferenceNoise(Nd4j.rand(DataType.DOUBLE, 5, 4));
        INDArray z = Nd4j.rand(DataType.DOUBLE, 6, 4);
        INDArray batch = g.forward(z).dup();
        for (int i = 0; i < 6; i++) {
            INDArray alone = g.forward(z.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()).dup());
            for (int j = 0; j < 7; j++) {
                assertThat(alone.getDouble(0, j)).isCloseTo(batch.getDouble(i, j), within(1e-12));
            }
        }
    }

    /** The trainer's shapes: 100 live rows over a reference batch of 100, 500 columns. */
    @Test
    void theSameBitsHoweverTheLoopsAreSplit() {
        INDArray a = Nd4j.randn(DataType.FLOAT, 200, 500);
        INDArray beta = Nd4j.randn(DataType.FLOAT, 1, 500);
        INDArray dOut = Nd4j.randn(DataType.FLOAT, 200, 500);
        INDArray[] first = null;
        for (int count : new int[] {1, 2, 3}) {
            ParallelLoop.setThreads(count);
            VirtualBatchNorm norm = new VirtualBatchNorm(500, EPSILON);
            INDArray out = Nd4j.create(DataType.FLOAT, 200, 500);
            INDArray slope = Nd4j.create(DataType.FLOAT, 200, 500);
            norm.forward(a, 100, beta, out, slope);
            INDArray da = dOut.dup();
            INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, 500);
            norm.backward(da, slope, a, 100, dBeta, da);
            INDArray[] results = {out, slope, da, dBeta};
            if (first == null) {
                first = results;
            } else {
                for (int i = 0; i < results.length; i++) {
                    assertThat(results[i]).as("result %d with %d threads", i, count).isEqualTo(first[i]);
                }
            }
        }
    }
}
