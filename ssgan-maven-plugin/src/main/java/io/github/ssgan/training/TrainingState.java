package io.github.ssgan.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Everything that determines the next epoch: both nets, their Adam moments and the averaged classifier. */
public record TrainingState(
        int epoch,
        INDArray discriminator,
        INDArray discriminatorAdam,
        INDArray averagedDiscriminator,
        INDArray generator,
        INDArray generatorAdam) {
}
