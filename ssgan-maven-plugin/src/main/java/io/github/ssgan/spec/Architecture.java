package io.github.ssgan.spec;

import java.util.Arrays;

/**
 * Layer sizes and noise levels of the permutation-invariant MNIST model of Salimans et al. 2016. {@link #mnist()} is
 * the paper's; training keeps its hidden layers and noise but takes the input size and the number of classes from
 * the data, and tests shrink it.
 */
public record Architecture(
        int inputSize,
        int[] discriminatorHidden,
        int classes,
        double inputNoise,
        double hiddenNoise,
        int noiseSize,
        int[] generatorHidden) {

    public static Architecture mnist() {
        return new Architecture(784, new int[] {1000, 500, 250, 250, 250}, 10, 0.3, 0.5, 100, new int[] {500, 500});
    }

    public String describe() {
        return "D " + inputSize + "-" + Arrays.toString(discriminatorHidden) + "-" + classes
                + " noise " + inputNoise + "/" + hiddenNoise
                + ", G " + noiseSize + "-" + Arrays.toString(generatorHidden) + "-" + inputSize;
    }
}
