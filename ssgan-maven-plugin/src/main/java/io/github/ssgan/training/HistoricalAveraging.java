package io.github.ssgan.training;

import static io.github.ssgan.memory.OffHeap.floats;

import io.github.ssgan.model.ParallelLoop;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Historical averaging (Salimans et al. 2016, §3.3): D's loss gains λ‖θ − θ̄‖², θ̄ the running mean of D's parameters
 * after each of its steps so far, θ̄_t = θ̄_{t−1} + (θ_t − θ̄_{t−1})/t, starting from θ̄_0 = θ_0 (so the first step's term
 * is 0). Its gradient 2λ(θ − θ̄) joins D's gradient before Adam's step. θ̄ is training state: the checkpoint keeps it.
 * The term's value is not logged (it would take another pass over the 1.5 M parameters each step).
 *
 * <p>Element-wise loops in double, rounded once to float, split over the compute threads: each element depends on
 * its own inputs only, so the bits do not depend on the split.
 */
final class HistoricalAveraging {
    /** Elements per bulk copy: three arrays of them stay in the first-level cache. */
    private static final int CHUNK = 2048;

    private final double lambda;
    private final INDArray mean;

    /** θ̄_0 = the initial parameters θ_0 (copied). */
    HistoricalAveraging(double lambda, INDArray initialParameters) {
        this.lambda = lambda;
        this.mean = initialParameters.dup();
    }

    /** λ(θ − θ̄)², one parameter's share of the term (what {@link #slope} is the derivative of). */
    static double term(double lambda, double theta, double mean) {
        double d = theta - mean;
        return lambda * d * d;
    }

    /** ∂{@link #term}/∂θ = 2λ(θ − θ̄). */
    static double slope(double lambda, double theta, double mean) {
        return 2 * lambda * (theta - mean);
    }

    /** gradients += 2λ(θ − θ̄). */
    void addGradient(INDArray parameters, INDArray gradients) {
        pass(parameters, gradients, 0);
    }

    /** θ̄_t = θ̄_{t−1} + (θ_t − θ̄_{t−1})/t, after D's step t (1-based). */
    void include(INDArray parameters, long t) {
        pass(parameters, null, t);
    }

    /** One pass over θ and θ̄ in chunks: into the gradients when given, else into θ̄ for step t. */
    private void pass(INDArray parameters, INDArray gradients, long t) {
        int n = (int) parameters.length();
        FloatBuffer p = floats(parameters, n);
        FloatBuffer a = floats(mean, n);
        FloatBuffer g = gradients == null ? null : floats(gradients, n);
        ParallelLoop.run(n, 1, (from, to) -> {
            float[] ps = new float[CHUNK];
            float[] as = new float[CHUNK];
            float[] gs = g == null ? null : new float[CHUNK];
            for (int at = from; at < to; at += CHUNK) {
                int len = Math.min(CHUNK, to - at);
                p.get(at, ps, 0, len);
                a.get(at, as, 0, len);
                if (gs != null) {
                    g.get(at, gs, 0, len);
                    for (int i = 0; i < len; i++) {
                        gs[i] = (float) (gs[i] + slope(lambda, ps[i], as[i]));
                    }
                    g.put(at, gs, 0, len);
                } else {
                    for (int i = 0; i < len; i++) {
                        as[i] = (float) (as[i] + (ps[i] - (double) as[i]) / t);
                    }
                    a.put(at, as, 0, len);
                }
            }
        });
    }

    /** θ̄: what the checkpoint keeps and {@link #restore}s. */
    INDArray mean() {
        return mean;
    }

    void restore(INDArray saved) {
        mean.assign(saved);
    }
}
