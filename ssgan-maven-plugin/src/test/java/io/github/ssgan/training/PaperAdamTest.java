package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.model.ParallelLoop;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PaperAdamTest {
    private static final double LR = 0.003;
    private static final double BETA1 = 0.5;
    private static final double BETA2 = 0.999;

    @Test
    void followsThePapersAdamAndMovesTheAverage() {
        float[] p0 = {0.5f, -1f, 2f, 0f};
        float[][] grads = {{0.1f, -0.2f, 3f, 0f}, {0.05f, 0.2f, -1f, 0f}, {-0.3f, 0.1f, 0.5f, 0f}};
        INDArray p = Nd4j.createFromArray(p0.clone());
        INDArray average = Nd4j.createFromArray(p0.clone());
        PaperAdam adam = new PaperAdam(p, LR, BETA1, BETA2);
        INDArray state = adam.state();
        double[] m = new double[4];
        double[] v = new double[4];
        double[] expected = {0.5, -1, 2, 0};
        double[] expectedAverage = expected.clone();
        for (int t = 0; t < grads.length; t++) {
            adam.step(p, Nd4j.createFromArray(grads[t]), t, average, 0.9);
            for (int i = 0; i < 4; i++) {
                // the paper's code: m̂ / sqrt(v̂ + 1e-8), bias corrections 1 − β^t
                m[i] = BETA1 * m[i] + (1 - BETA1) * grads[t][i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * grads[t][i] * grads[t][i];
                double mHat = m[i] / (1 - Math.pow(BETA1, t + 1));
                double vHat = v[i] / (1 - Math.pow(BETA2, t + 1));
                expected[i] -= LR * mHat / Math.sqrt(vHat + 1e-8);
                expectedAverage[i] = 0.9 * expectedAverage[i] + 0.1 * expected[i];
            }
        }
        for (int i = 0; i < 4; i++) {
            assertThat(p.getDouble(i)).as("parameter %d", i).isCloseTo(expected[i], within(1e-6));
            assertThat(average.getDouble(i)).as("average %d", i).isCloseTo(expectedAverage[i], within(1e-6));
            assertThat(state.getDouble(i)).as("m %d", i).isCloseTo(m[i], within(1e-6));
            assertThat(state.getDouble(4 + i)).as("v %d", i).isCloseTo(v[i], within(1e-6));
        }
        // a parameter that never gets a gradient (the hidden layers' fixed scales g) stays exactly where it was
        assertThat(p.getFloat(3)).isEqualTo(0f);
    }

    @Test
    void theSameBitsWhetherOneThreadOrTwoDoTheWork() {
        int n = 200_001;
        INDArray gradient = Nd4j.rand(DataType.FLOAT, n).subi(0.5);
        INDArray start = Nd4j.rand(DataType.FLOAT, n).subi(0.5);
        INDArray[] results = new INDArray[2];
        int threads = ParallelLoop.threads();
        try {
            for (int run = 0; run < 2; run++) {
                ParallelLoop.setThreads(run + 1);
                INDArray p = start.dup();
                INDArray average = p.dup();
                PaperAdam adam = new PaperAdam(p, LR, BETA1, BETA2);
                for (int t = 0; t < 3; t++) {
                    adam.step(p, gradient, t, average, 0.99);
                }
                results[run] = Nd4j.concat(0, p, adam.state().reshape(2L * n), average);
            }
        } finally {
            ParallelLoop.setThreads(threads);
        }
        assertThat(results[1].toFloatVector()).isEqualTo(results[0].toFloatVector());
    }

    /**
     * The element-wise loop /2 was published with (through the buffers' accessors, one element at a time): the chunked
     * step must give its bits, so that /2's results stay reproducible digit for digit.
     */
    private static void elementWise(INDArray parameters, INDArray gradients, INDArray state, int iteration,
                                    INDArray average, double decay) {
        int n = (int) parameters.length();
        float mHat = (float) (1.0 / (1.0 - Math.pow((float) BETA1, iteration + 1)));
        float vHat = (float) (1.0 / (1.0 - Math.pow((float) BETA2, iteration + 1)));
        float mKeep = (float) BETA1;
        float mTake = 1f - mKeep;
        float vKeep = (float) BETA2;
        float vTake = 1f - vKeep;
        float keep = (float) decay;
        float take = (float) (1.0 - decay);
        for (int i = 0; i < n; i++) {
            float gi = gradients.getFloat(i);
            float m = mKeep * state.getFloat(i) + mTake * gi;
            float v = vKeep * state.getFloat(n + i) + vTake * gi * gi;
            state.putScalar(i, m);
            state.putScalar(n + i, v);
            float pi = parameters.getFloat(i) - (float) LR * (m * mHat) / (float) Math.sqrt(v * vHat + (float) 1e-8);
            parameters.putScalar(i, pi);
            if (average != null) {
                average.putScalar(i, keep * average.getFloat(i) + take * pi);
            }
        }
    }

    @Test
    void theBitsOfTheElementWiseLoopWithAndWithoutAnAverageOnOneTwoAndThreeThreads() {
        int n = 3 * PaperAdam.CHUNK * 4 + 17; // large enough to split three ways, in chunks that do not divide it evenly
        INDArray start = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5);
        INDArray[] gradients = new INDArray[4];
        for (int t = 0; t < gradients.length; t++) {
            gradients[t] = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5).muli(t == 2 ? 1e-6 : 1.0);
        }
        int threads = ParallelLoop.threads();
        try {
            for (boolean withAverage : new boolean[] {true, false}) {
                INDArray p = start.dup();
                INDArray average = withAverage ? start.dup() : null;
                INDArray state = Nd4j.create(DataType.FLOAT, 1, 2L * n);
                for (int t = 0; t < gradients.length; t++) {
                    elementWise(p, gradients[t], state, t, average, 0.99);
                }
                for (int count : new int[] {1, 2, 3}) {
                    ParallelLoop.setThreads(count);
                    INDArray q = start.dup();
                    INDArray qAverage = withAverage ? start.dup() : null;
                    PaperAdam adam = new PaperAdam(q, LR, BETA1, BETA2);
                    for (int t = 0; t < gradients.length; t++) {
                        adam.step(q, gradients[t], t, qAverage, 0.99);
                    }
                    assertThat(q).as("parameters, %d threads", count).isEqualTo(p);
                    assertThat(adam.state()).as("moments, %d threads", count).isEqualTo(state);
                    if (withAverage) {
                        assertThat(qAverage).as("average, %d threads", count).isEqualTo(average);
                    }
                }
            }
        } finally {
            ParallelLoop.setThreads(threads);
        }
    }
}
