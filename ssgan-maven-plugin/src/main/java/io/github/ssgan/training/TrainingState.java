package io.github.ssgan.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything that determines the next epoch: both nets, their Adam moments and the averaged classifier, and the
 * running mean of D's parameters when historical averaging is on (else null: checkpoints of runs without it have none).
 */
public record TrainingState(
        int epoch,
        INDArray discriminator,
        INDArray discriminatorAdam,
        INDArray averagedDiscriminator,
        INDArray generator,
        INDArray generatorAdam,
        INDArray historicalAverage) {

    /** The state of a run without historical averaging. */
    public TrainingState(int epoch, INDArray discriminator, INDArray discriminatorAdam, INDArray averagedDiscriminator,
                         INDArray generator, INDArray generatorAdam) {
        this(epoch, discriminator, discriminatorAdam, averagedDiscriminator, generator, generatorAdam, null);
    }
}
