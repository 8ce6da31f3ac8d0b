package io.github.ssgan.memory;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Java views of an ND4J array's off-heap memory, for the loops that replace chains of small ND4J ops (each op result
 * costs an allocation) and for plain copies. A view starts at the array's first element: {@code asNio()} maps the
 * whole underlying buffer, also for a view into a larger array. Only dense row-major arrays get one, because only for
 * them is element i of the array element i of the view, which ends with the array's last element.
 */
public final class OffHeap {
    private OffHeap() {
    }

    /** The memory of a dense row-major FLOAT array of {@code length} elements. */
    public static FloatBuffer floats(INDArray a, long length) {
        check(a, length, DataType.FLOAT);
        FloatBuffer all = a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        return all.limit((int) (a.offset() + length)).position((int) a.offset()).slice();
    }

    /** The memory of a dense row-major DOUBLE array of {@code length} elements. */
    public static DoubleBuffer doubles(INDArray a, long length) {
        check(a, length, DataType.DOUBLE);
        DoubleBuffer all = a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        return all.limit((int) (a.offset() + length)).position((int) a.offset()).slice();
    }

    private static void check(INDArray a, long length, DataType type) {
        if (a.length() != length || a.dataType() != type || a.ordering() != 'c'
                || (length > 1 && a.elementWiseStride() != 1) || a.offset() + length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a dense row-major " + type + " array of " + length
                    + " elements, got " + a.shapeInfoToString());
        }
    }
}
