package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.model.ParallelLoop;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Historical averaging: the term's gradient, θ̄ as the running mean, and the same bits on any thread count. */
class HistoricalAveragingTest {
    /** Σ λ(θ_i − θ̄_i)² against central differences in double. */
    @Test
    void theSlopeIsTheTermsDerivative() {
        double lambda = 0.37;
        double h = 1e-6;
        for (double[] at : new double[][] {{0.3, -1.2}, {-2.0, 5.0}, {1.0, 1.0}, {1e3, -1e3}}) {
            double theta = at[0];
            double mean = at[1];
            double numeric = (HistoricalAveraging.term(lambda, theta + h, mean)
                    - HistoricalAveraging.term(lambda, theta - h, mean)) / (2 * h);
            assertThat(HistoricalAveraging.slope(lambda, theta, mean)).isCloseTo(numeric, within(1e-6 * (1 + Math.abs(numeric))));
            assertThat(HistoricalAveraging.term(lambda, theta, mean)).isCloseTo(lambda * (theta - mean) * (theta - mean), within(1e-12));
        }
    }

    @Test
    void theMeanIsTheCumulativeMeanOfTheParametersAfterEachStepAndTheGradientPullsTowardsIt() {
        INDArray theta = Nd4j.create(new float[] {1, 2, 3}, new long[] {1, 3}, 'c');
        HistoricalAveraging ha = new HistoricalAveraging(0.5, theta);
        INDArray g = Nd4j.create(new float[] {0.1f, 0.2f, 0.3f}, new long[] {1, 3}, 'c');

        ha.addGradient(theta, g); // θ̄_0 = θ_0: nothing to pull yet
        assertThat(g.toFloatVector()).containsExactly(0.1f, 0.2f, 0.3f);

        float[][] after = {{3, 2, 1}, {5, 5, 5}, {-2, 0, 2}};
        for (int t = 1; t <= after.length; t++) {
            theta.assign(Nd4j.create(after[t - 1], new long[] {1, 3}, 'c'));
            ha.include(theta, t);
        }
        // mean of the parameters after steps 1..3
        assertThat(ha.mean().toFloatVector()).containsExactly(2f, 7f / 3, 8f / 3);

        theta.assign(Nd4j.create(new float[] {0, 0, 0}, new long[] {1, 3}, 'c'));
        g.assign(0);
        ha.addGradient(theta, g);
        assertThat(g.toFloatVector()).containsExactly(-2f, (float) (-7.0 / 3), (float) (-8.0 / 3)); // 2λ(θ − θ̄), λ = ½
    }

    @Test
    void theSameBitsOnOneTwoAndThreeThreads() {
        int n = 3 * 2048 * 40 + 17;
        INDArray start = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5);
        INDArray[] steps = {Nd4j.rand(DataType.FLOAT, 1, n), Nd4j.rand(DataType.FLOAT, 1, n).muli(-3)};
        INDArray gradient = Nd4j.rand(DataType.FLOAT, 1, n);
        int threads = ParallelLoop.threads();
        INDArray[] reference = null;
        try {
            for (int count : new int[] {1, 2, 3}) {
                ParallelLoop.setThreads(count);
                HistoricalAveraging ha = new HistoricalAveraging(1e-2, start);
                for (int t = 0; t < steps.length; t++) {
                    ha.include(steps[t], t + 1);
                }
                INDArray g = gradient.dup();
                ha.addGradient(start, g);
                INDArray[] result = {ha.mean().dup(), g};
                if (reference == null) {
                    reference = result;
                } else {
                    assertThat(result[0]).as("mean, %d threads", count).isEqualTo(reference[0]);
                    assertThat(result[1]).as("gradient, %d threads", count).isEqualTo(reference[1]);
                }
            }
        } finally {
            ParallelLoop.setThreads(threads);
        }
    }
}
