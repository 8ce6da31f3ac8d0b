package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.model.Noise;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class NoiseTapeTest {
    @Test
    void drawingAheadOnAnotherThreadGivesTheNumbersDrawingOnDemandGives() throws Exception {
        Random onDemand = Nd4j.getRandomFactory().getNewRandomInstance(42);
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, 4, 3);
        Nd4j.getExecutioner().exec(new UniformDistribution(z, 0.0, 1.0), onDemand);
        INDArray first = Noise.from(onDemand).gaussian(DataType.FLOAT, 5, 7, 0.3);
        INDArray second = Noise.from(onDemand).gaussian(DataType.FLOAT, 5, 2, 0.5);

        NoiseTape tape = new NoiseTape()
                .recordUniform(DataType.FLOAT, 4, 3)
                .recordGaussian(DataType.FLOAT, 5, 7, 0.3)
                .recordGaussian(DataType.FLOAT, 5, 2, 0.5);
        Random ahead = Nd4j.getRandomFactory().getNewRandomInstance(42);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(() -> tape.fill(ahead)).get();
        } finally {
            thread.shutdown();
        }

        assertThat(tape.uniform(4, 3)).isEqualTo(z);
        assertThat(tape.gaussian(DataType.FLOAT, 5, 7, 0.3)).isEqualTo(first);
        assertThat(tape.gaussian(DataType.FLOAT, 5, 2, 0.5)).isEqualTo(second);
    }

    @Test
    void javaDrawsFollowTheSeedAndHaveTheRecordedDistributions() {
        NoiseTape tape = javaTape();
        NoiseTape again = javaTape();
        NoiseTape otherSeed = javaTape();
        tape.fill(new SplittableRandom(3));
        again.fill(new SplittableRandom(3));
        otherSeed.fill(new SplittableRandom(4));

        INDArray u = tape.uniform(50, 100);
        INDArray n = tape.gaussian(DataType.FLOAT, 100, 200, 0.5);
        assertThat(again.uniform(50, 100)).isEqualTo(u);
        assertThat(again.gaussian(DataType.FLOAT, 100, 200, 0.5)).isEqualTo(n);
        assertThat(otherSeed.uniform(50, 100)).isNotEqualTo(u);

        assertThat(u.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(u.maxNumber().doubleValue()).isLessThan(1.0);
        assertThat(u.meanNumber().doubleValue()).isCloseTo(0.5, within(0.02));
        // 20 000 draws: the standard error of the mean is 0.0035, of the standard deviation 0.0025
        assertThat(n.meanNumber().doubleValue()).isCloseTo(0.0, within(0.02));
        assertThat(n.stdNumber().doubleValue()).isCloseTo(0.5, within(0.015));
    }

    private static NoiseTape javaTape() {
        return new NoiseTape().recordUniform(DataType.FLOAT, 50, 100).recordGaussian(DataType.FLOAT, 100, 200, 0.5);
    }

    @Test
    void consumingOutOfRecordedOrderFailsInsteadOfUsingTheWrongNumbers() {
        NoiseTape tape = new NoiseTape()
                .recordGaussian(DataType.FLOAT, 5, 7, 0.3)
                .recordGaussian(DataType.FLOAT, 5, 2, 0.5);
        tape.fill(Nd4j.getRandomFactory().getNewRandomInstance(1));

        assertThatThrownBy(() -> tape.gaussian(DataType.FLOAT, 5, 2, 0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recorded as 5x7 with sigma 0.3");
        tape.fill(Nd4j.getRandomFactory().getNewRandomInstance(1));
        tape.gaussian(DataType.FLOAT, 5, 7, 0.3);
        tape.gaussian(DataType.FLOAT, 5, 2, 0.5);
        assertThatThrownBy(() -> tape.gaussian(DataType.FLOAT, 5, 2, 0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than the 2 recorded draws");
    }

    /** /3's draws: a stream per block, so the same values whether one, two or three threads draw the blocks. */
    @Test
    void drawingInBlocksGivesTheSameValuesOnAnyThreadCount() {
        int threads = io.github.ssgan.model.ParallelLoop.threads();
        float[][] reference = null;
        try {
            for (int count : new int[] {1, 2, 3}) {
                io.github.ssgan.model.ParallelLoop.setThreads(count);
                NoiseTape tape = new NoiseTape()
                        .recordUniform(DataType.FLOAT, 10, 7)
                        .recordGaussian(DataType.FLOAT, 300, 784, 0.3)
                        .recordGaussian(DataType.FLOAT, 300, 250, 0.5);
                tape.fillInBlocks(new SplittableRandom(9));
                float[] uniform = tape.uniform(10, 7).dup().reshape(-1).toFloatVector();
                float[] gaussians = gaussians(tape);
                float[] all = java.util.Arrays.copyOf(uniform, uniform.length + gaussians.length);
                System.arraycopy(gaussians, 0, all, uniform.length, gaussians.length);
                float[][] values = {all};
                if (reference == null) {
                    reference = values;
                } else {
                    assertThat(values[0]).as("%d threads", count).isEqualTo(reference[0]);
                }
            }
        } finally {
            io.github.ssgan.model.ParallelLoop.setThreads(threads);
        }
        // uniform in [0, 1), Gaussians with the recorded σ
        NoiseTape tape = new NoiseTape().recordUniform(DataType.FLOAT, 100, 100).recordGaussian(DataType.FLOAT, 300, 784, 0.3);
        tape.fillInBlocks(new SplittableRandom(3));
        INDArray u = tape.uniform(100, 100);
        assertThat(u.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(u.maxNumber().doubleValue()).isLessThan(1.0);
        INDArray g = tape.gaussian(DataType.FLOAT, 300, 784, 0.3);
        assertThat(g.meanNumber().doubleValue()).isCloseTo(0.0, within(0.005));
        assertThat(g.stdNumber().doubleValue()).isCloseTo(0.3, within(0.005));
        // another seed, other values
        NoiseTape other = new NoiseTape().recordUniform(DataType.FLOAT, 100, 100).recordGaussian(DataType.FLOAT, 300, 784, 0.3);
        other.fillInBlocks(new SplittableRandom(4));
        assertThat(other.uniform(100, 100)).isNotEqualTo(u);
    }

    /** The Gaussian draws of a tape filled in blocks (its uniform one taken), concatenated. */
    private static float[] gaussians(NoiseTape tape) {
        float[] a = tape.gaussian(DataType.FLOAT, 300, 784, 0.3).dup().reshape(-1).toFloatVector();
        float[] b = tape.gaussian(DataType.FLOAT, 300, 250, 0.5).dup().reshape(-1).toFloatVector();
        float[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
