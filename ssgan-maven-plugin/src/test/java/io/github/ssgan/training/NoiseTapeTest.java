package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.model.Noise;
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
}
