package io.github.ssgan.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * ND4J's Adam op, then the update and the weight average as separate ops: {@link io.github.ssgan.spec.Algorithm#V1}.
 */
final class Nd4jAdam implements Optimizer {
    /**
     * The paper's Adam divides by sqrt(v̂ + 1e-8); ND4J's by sqrt(v̂) + ε. ε = 1e-4 matches it where it matters, for
     * parameters with tiny gradients (1e-8 alone lets the generator take full-size steps on noise and collapse).
     */
    static final double EPSILON = 1e-4;

    private final INDArray state;
    private final AdamUpdater updater;

    /** Zero moments for {@code parameters} (a [1, n] row). */
    Nd4jAdam(INDArray parameters, double learningRate, double beta1, double beta2) {
        state = Nd4j.create(parameters.dataType(), 1, 2 * parameters.length());
        updater = new AdamUpdater(new Adam(learningRate, beta1, beta2, EPSILON));
        updater.setStateViewArray(state, parameters.shape(), 'c', true);
    }

    @Override
    public void step(INDArray parameters, INDArray gradients, int iteration, INDArray average, double decay) {
        // turns the gradients into the update in place; the epoch argument only feeds learning-rate schedules (none)
        updater.applyUpdater(gradients, iteration, 0);
        parameters.subi(gradients);
        if (average != null) {
            average.muli(decay);
            Nd4j.getBlasWrapper().level1().axpy(average.length(), 1.0 - decay, parameters, average);
        }
    }

    @Override
    public INDArray state() {
        return state;
    }
}
