package io.github.ssgan.model;

import static io.github.ssgan.memory.OffHeap.doubles;
import static io.github.ssgan.memory.OffHeap.floats;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense row-major FLOAT or DOUBLE array's memory, read and written as doubles a stretch at a time (one bulk copy and
 * a conversion): the loops of {@link MinibatchDiscrimination} and {@link VirtualBatchNorm} compute in double, and the
 * same code then serves the float arrays of training and the double arrays of the gradient checks. Keeps a scratch
 * array, so each thread of a loop takes its own ({@link #copy}).
 */
final class AsDoubles {
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private float[] scratch = new float[0];

    AsDoubles(INDArray a) {
        boolean single = a.dataType() == DataType.FLOAT;
        if (!single && a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + a.dataType());
        }
        this.floats = single ? floats(a, a.length()) : null;
        this.doubles = single ? null : doubles(a, a.length());
    }

    private AsDoubles(FloatBuffer floats, DoubleBuffer doubles) {
        this.floats = floats;
        this.doubles = doubles;
    }

    /** The same memory with a scratch of its own, for another thread (absolute bulk access leaves the buffers alone). */
    AsDoubles copy() {
        return new AsDoubles(floats, doubles);
    }

    /** into[offset..offset+length) = the elements from {@code at}. */
    void get(int at, double[] into, int offset, int length) {
        if (doubles != null) {
            doubles.get(at, into, offset, length);
            return;
        }
        float[] s = scratch(length);
        floats.get(at, s, 0, length);
        for (int k = 0; k < length; k++) {
            into[offset + k] = s[k];
        }
    }

    /** The elements from {@code at} = from[offset..offset+length), rounded to the array's type. */
    void put(int at, double[] from, int offset, int length) {
        if (doubles != null) {
            doubles.put(at, from, offset, length);
            return;
        }
        float[] s = scratch(length);
        for (int k = 0; k < length; k++) {
            s[k] = (float) from[offset + k];
        }
        floats.put(at, s, 0, length);
    }

    /** The whole array. */
    double[] all() {
        double[] values = new double[floats != null ? floats.capacity() : doubles.capacity()];
        get(0, values, 0, values.length);
        return values;
    }

    private float[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new float[length];
        }
        return scratch;
    }
}
