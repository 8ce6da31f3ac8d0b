package io.github.ssgan.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the discriminator's training-time Gaussian noise comes from: drawn on demand from a random generator, or
 * drawn ahead of time by the trainer on another thread (the same draws in the same order, so the same numbers).
 */
@FunctionalInterface
public interface Noise {
    /** A rows×cols array of N(0, σ²) draws that the caller may overwrite; it stays valid for the rest of the step. */
    INDArray gaussian(DataType type, long rows, long cols, double sigma);

    /** Draws on demand from {@code rng}. */
    static Noise from(Random rng) {
        return (type, rows, cols, sigma) -> {
            INDArray n = Nd4j.createUninitialized(type, rows, cols);
            draw(n, sigma, rng);
            return n;
        };
    }

    /** Fills {@code into} with N(0, σ²) draws: the one op every path draws this noise with, ahead or on demand. */
    static void draw(INDArray into, double sigma, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(into, 0.0, sigma), rng);
    }
}
