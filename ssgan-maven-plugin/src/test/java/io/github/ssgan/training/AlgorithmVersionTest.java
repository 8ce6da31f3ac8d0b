package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.model.Numerics;
import io.github.ssgan.spec.Algorithm;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AlgorithmVersionTest {
    @Test
    void everyAlgorithmHasItsVersion() {
        for (Algorithm a : Algorithm.values()) {
            assertThat(AlgorithmVersion.of(a).name()).isEqualTo(a.name());
        }
    }

    @Test
    void eachVersionKeepsItsReductionsAndInitialisation() {
        assertThat(AlgorithmVersion.V1.numerics()).isEqualTo(Numerics.ND4J);
        assertThat(AlgorithmVersion.V1.initialDirectionStd()).isEqualTo(0.05);
        assertThat(AlgorithmVersion.V2.numerics()).isEqualTo(Numerics.ROW_ORDER);
        assertThat(AlgorithmVersion.V2.initialDirectionStd()).isEqualTo(0.1);
        assertThat(AlgorithmVersion.V3.numerics()).isEqualTo(Numerics.FUSED);
        assertThat(AlgorithmVersion.V3.initialDirectionStd()).isEqualTo(0.1);
    }

    @Test
    void eachVersionHasItsAdam() {
        INDArray p = Nd4j.createFromArray(new float[] {1f, 2f, 3f}).reshape(1, 3);
        assertThat(AlgorithmVersion.V1.adam(p, 0.003)).isInstanceOf(Nd4jAdam.class);
        assertThat(AlgorithmVersion.V2.adam(p, 0.003)).isInstanceOf(PaperAdam.class);
        assertThat(AlgorithmVersion.V3.adam(p, 0.003)).isInstanceOf(PaperAdam.class);
        for (AlgorithmVersion v : AlgorithmVersion.values()) {
            // the shape checkpoints hold: [1, 2n], moments starting at zero
            assertThat(v.adam(p, 0.003).state().shape()).containsExactly(1, 6);
            assertThat(v.adam(p, 0.003).state().sumNumber().doubleValue()).isZero();
        }
    }

    /** ND4J's Adam op: lr·sqrt(1 − β2^t)/(1 − β1^t) · m / (sqrt(v) + ε), ε = 1e-4 outside the root. */
    @Test
    void nd4jAdamFollowsNd4jsFormulaAndMovesTheAverage() {
        double lr = 0.003;
        double b1 = AlgorithmVersion.BETA1;
        double b2 = AlgorithmVersion.BETA2;
        float[] p0 = {0.5f, -1f, 2f, 0f};
        float[][] grads = {{0.1f, -0.2f, 3f, 1e-5f}, {0.05f, 0.2f, -1f, 1e-5f}, {-0.3f, 0.1f, 0.5f, 1e-5f}};
        INDArray p = Nd4j.createFromArray(p0.clone()).reshape(1, 4);
        INDArray average = p.dup();
        Optimizer adam = new Nd4jAdam(p, lr, b1, b2);
        double[] m = new double[4];
        double[] v = new double[4];
        double[] expected = {0.5, -1, 2, 0};
        double[] expectedAverage = expected.clone();
        for (int t = 0; t < grads.length; t++) {
            adam.step(p, Nd4j.createFromArray(grads[t]).reshape(1, 4), t, average, 0.9);
            double stepSize = lr * Math.sqrt(1 - Math.pow(b2, t + 1)) / (1 - Math.pow(b1, t + 1));
            for (int i = 0; i < 4; i++) {
                m[i] = b1 * m[i] + (1 - b1) * grads[t][i];
                v[i] = b2 * v[i] + (1 - b2) * grads[t][i] * grads[t][i];
                expected[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + Nd4jAdam.EPSILON);
                expectedAverage[i] = 0.9 * expectedAverage[i] + 0.1 * expected[i];
            }
        }
        for (int i = 0; i < 4; i++) {
            assertThat(p.getDouble(i)).as("parameter %d", i).isCloseTo(expected[i], within(1e-6));
            assertThat(average.getDouble(i)).as("average %d", i).isCloseTo(expectedAverage[i], within(1e-6));
            assertThat(adam.state().getDouble(i)).as("m %d", i).isCloseTo(m[i], within(1e-6));
            assertThat(adam.state().getDouble(4 + i)).as("v %d", i).isCloseTo(v[i], withinPercentage(0.01));
        }
        // a tiny steady gradient moves its parameter far less than a full step: what ε = 1e-4 is for
        assertThat(Math.abs(p.getDouble(3))).isLessThan(0.2 * 3 * lr);
    }
}
