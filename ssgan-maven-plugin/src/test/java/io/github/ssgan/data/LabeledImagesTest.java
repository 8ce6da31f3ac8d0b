package io.github.ssgan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LabeledImagesTest {
    /** Image i has pixels 10·i, 10·i + 1, 10·i + 2. */
    private static LabeledImages images(int n) {
        float[] pixels = new float[n * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 10 * (i / 3) + i % 3;
        }
        return new LabeledImages(Nd4j.create(pixels, new long[] {n, 3}, 'c'), new int[n], 1);
    }

    @Test
    void copiesTheChosenImagesInOrderFromTheGivenRow() {
        INDArray batch = Nd4j.zeros(DataType.FLOAT, 4, 3);

        images(5).copyInto(new int[] {4, 0, 4}, batch, 1);

        assertThat(batch.toFloatMatrix()).isEqualTo(new float[][] {{0, 0, 0}, {40, 41, 42}, {0, 1, 2}, {40, 41, 42}});
    }

    @Test
    void copiesFromASubsetView() {
        INDArray all = images(6).images();
        LabeledImages lastFour = new LabeledImages(all.get(NDArrayIndex.interval(2, 6), NDArrayIndex.all()), new int[4], 1);
        INDArray batch = Nd4j.zeros(DataType.FLOAT, 1, 3);

        lastFour.copyInto(new int[] {1}, batch, 0);

        assertThat(batch.toFloatVector()).containsExactly(30, 31, 32);
    }

    @Test
    void refusesABatchTheImagesDoNotFit() {
        LabeledImages images = images(5);
        assertThatThrownBy(() -> images.copyInto(new int[] {0, 1}, Nd4j.zeros(DataType.FLOAT, 2, 4), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> images.copyInto(new int[] {0, 1}, Nd4j.zeros(DataType.FLOAT, 2, 3), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
