package io.github.ssgan.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OffHeapTest {
    @Test
    void aRowOfALargerMatrixStartsAtItsFirstElementAndWritesThrough() {
        INDArray m = Nd4j.arange(12).castTo(DataType.FLOAT).reshape('c', 4, 3);
        INDArray row = m.getRow(2, true);
        FloatBuffer view = OffHeap.floats(row, 3);
        assertThat(view.capacity()).isEqualTo(3);
        assertThat(new float[] {view.get(0), view.get(1), view.get(2)}).containsExactly(6f, 7f, 8f);
        view.put(1, -1f);
        assertThat(m.getFloat(2, 1)).isEqualTo(-1f);
        assertThat(m.getFloat(1, 1)).isEqualTo(4f);
    }

    @Test
    void doublesToo() {
        INDArray m = Nd4j.arange(6).castTo(DataType.DOUBLE).reshape('c', 2, 3);
        DoubleBuffer view = OffHeap.doubles(m.getRow(1, true), 3);
        assertThat(view.get(2)).isEqualTo(5.0);
    }

    @Test
    void refusesArraysWhoseElementsItWouldMisread() {
        INDArray m = Nd4j.rand(DataType.FLOAT, 4, 3);
        assertThatThrownBy(() -> OffHeap.floats(m.transpose(), 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row-major");
        assertThatThrownBy(() -> OffHeap.floats(m.getColumn(1, true), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense");
        assertThatThrownBy(() -> OffHeap.doubles(m, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOUBLE");
        assertThatThrownBy(() -> OffHeap.floats(m, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 elements");
    }
}
