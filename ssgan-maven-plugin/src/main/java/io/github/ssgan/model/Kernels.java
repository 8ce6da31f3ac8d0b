package io.github.ssgan.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fused element-wise loops over ND4J's own off-heap memory, for the spots where a chain of ND4J broadcast and
 * transform ops cost more than the matrix product next to them (each op ~2 ns per element at 300×1000 on 2 cores,
 * and every op makes one more pass over memory). Each loop performs exactly the float (or double) operations, in the
 * same order, as the ND4J ops it replaces, so training results stay bit-identical; element-wise, they are split over
 * the compute threads ({@link ParallelLoop}).
 */
final class Kernels {
    private Kernels() {
    }

    /**
     * out[i,j] = a[i,j]·k[j] (+ bias[j]) (then ReLU) for a row-major [rows,cols] matrix: what
     * {@code a.mulRowVector(k).addiRowVector(bias)} followed by {@code Transforms.relu} computes.
     *
     * @param bias null for none (nothing is added, not even 0, which would turn −0 into +0)
     */
    static void scaleColumns(INDArray a, INDArray k, INDArray bias, boolean relu, INDArray out) {
        int cols = (int) a.columns();
        int n = (int) a.length();
        check(a, n, a.dataType());
        check(k, cols, a.dataType());
        check(out, n, a.dataType());
        if (bias != null) {
            check(bias, cols, a.dataType());
        }
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer x = floats(a);
            FloatBuffer s = floats(k);
            FloatBuffer y = floats(out);
            FloatBuffer b = bias == null ? null : floats(bias);
            int xo = (int) a.offset();
            int so = (int) k.offset();
            int yo = (int) out.offset();
            int bo = bias == null ? 0 : (int) bias.offset();
            ParallelLoop.run(n / cols, cols, (from, to) -> {
                for (int row = from * cols; row < to * cols; row += cols) {
                    for (int j = 0; j < cols; j++) {
                        float v = x.get(xo + row + j) * s.get(so + j);
                        if (b != null) {
                            v = v + b.get(bo + j);
                        }
                        // ND4J's relu: x < 0 ? 0 : x (so −0 and NaN pass through)
                        y.put(yo + row + j, relu && v < 0f ? 0f : v);
                    }
                }
            });
        } else {
            DoubleBuffer x = doubles(a);
            DoubleBuffer s = doubles(k);
            DoubleBuffer y = doubles(out);
            DoubleBuffer b = bias == null ? null : doubles(bias);
            int xo = (int) a.offset();
            int so = (int) k.offset();
            int yo = (int) out.offset();
            int bo = bias == null ? 0 : (int) bias.offset();
            ParallelLoop.run(n / cols, cols, (from, to) -> {
                for (int row = from * cols; row < to * cols; row += cols) {
                    for (int j = 0; j < cols; j++) {
                        double v = x.get(xo + row + j) * s.get(so + j);
                        if (b != null) {
                            v = v + b.get(bo + j);
                        }
                        y.put(yo + row + j, relu && v < 0.0 ? 0.0 : v);
                    }
                }
            });
        }
    }

    /** delta ⊙= step(activation), in place: what {@code delta.muli(Transforms.step(activation))} computes. */
    static void reluGradient(INDArray delta, INDArray activation) {
        int n = (int) delta.length();
        check(delta, n, delta.dataType());
        check(activation, n, delta.dataType());
        int d0 = (int) delta.offset();
        int a0 = (int) activation.offset();
        if (delta.dataType() == DataType.FLOAT) {
            FloatBuffer d = floats(delta);
            FloatBuffer a = floats(activation);
            ParallelLoop.run(n, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    d.put(d0 + i, d.get(d0 + i) * (a.get(a0 + i) > 0f ? 1f : 0f));
                }
            });
        } else {
            DoubleBuffer d = doubles(delta);
            DoubleBuffer a = doubles(activation);
            ParallelLoop.run(n, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    d.put(d0 + i, d.get(d0 + i) * (a.get(a0 + i) > 0.0 ? 1.0 : 0.0));
                }
            });
        }
    }

    /** Row-major and dense, so element i of the array is element offset+i of its buffer; all operands one type. */
    private static void check(INDArray a, long length, DataType type) {
        if (a.length() != length || a.ordering() != 'c' || (a.length() > 1 && a.elementWiseStride() != 1)
                || a.dataType() != type || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
            throw new IllegalArgumentException("expected a dense row-major " + type + " array of " + length
                    + " elements (FLOAT or DOUBLE), got " + a.shapeInfoToString());
        }
    }

    // asNio() maps the whole underlying buffer, also for views: index it with the array's offset
    private static FloatBuffer floats(INDArray a) {
        return bytes(a).asFloatBuffer();
    }

    private static DoubleBuffer doubles(INDArray a) {
        return bytes(a).asDoubleBuffer();
    }

    private static ByteBuffer bytes(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder());
    }
}
