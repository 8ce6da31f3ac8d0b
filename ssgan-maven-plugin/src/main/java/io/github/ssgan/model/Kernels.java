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

    /**
     * Per column j: Σ_i a_ij·b_ij (Σ_i a_ij when b is null), summed row after row in a's type, then the square root if
     * {@code sqrt}, written into the [1, columns] row {@code out}, which is returned.
     */
    static INDArray columnSums(INDArray a, INDArray b, boolean sqrt, INDArray out) {
        int cols = (int) a.columns();
        int n = (int) a.length();
        check(a, n, a.dataType());
        if (b != null) {
            check(b, n, a.dataType());
            if (b.columns() != cols) {
                throw new IllegalArgumentException("column counts differ: " + a.shapeInfoToString() + " and " + b.shapeInfoToString());
            }
        }
        check(out, cols, a.dataType());
        int ao = (int) a.offset();
        int bo = b == null ? 0 : (int) b.offset();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer x = floats(a);
            FloatBuffer y = b == null ? null : floats(b);
            float[] sum = new float[cols];
            float[] rowA = new float[cols];
            float[] rowB = b == null ? null : new float[cols];
            for (int row = 0; row < n; row += cols) {
                x.get(ao + row, rowA, 0, cols);
                if (y == null) {
                    for (int j = 0; j < cols; j++) {
                        sum[j] += rowA[j];
                    }
                } else {
                    y.get(bo + row, rowB, 0, cols);
                    for (int j = 0; j < cols; j++) {
                        sum[j] += rowA[j] * rowB[j];
                    }
                }
            }
            for (int j = 0; sqrt && j < cols; j++) {
                sum[j] = (float) Math.sqrt(sum[j]);
            }
            floats(out).put((int) out.offset(), sum);
        } else {
            DoubleBuffer x = doubles(a);
            DoubleBuffer y = b == null ? null : doubles(b);
            double[] sum = new double[cols];
            for (int row = 0; row < n; row += cols) {
                for (int j = 0; j < cols; j++) {
                    sum[j] += y == null ? x.get(ao + row + j) : x.get(ao + row + j) * y.get(bo + row + j);
                }
            }
            for (int j = 0; sqrt && j < cols; j++) {
                sum[j] = Math.sqrt(sum[j]);
            }
            doubles(out).put((int) out.offset(), sum);
        }
        return out;
    }

    /**
     * The per-column factors of a weight-normalized layer from g, ‖V‖ and c = Σ_i δ_ij (x·V)_ij, in one loop instead of
     * five ND4J ops on [1, columns] rows (each ~30–45 µs, mostly allocating its result):
     * scale = g / ‖V‖ when {@code c} is null; otherwise k = −(c·g / ((‖V‖·‖V‖)·‖V‖)) into {@code scale} and, unless
     * {@code dg} is null, dg = c / ‖V‖. Exactly the float operations of
     * {@code g.div(norm)}, {@code c.mul(g).divi(norm.mul(norm).muli(norm)).negi()} and {@code c.div(norm)}.
     */
    static void weightNormFactors(INDArray g, INDArray norm, INDArray c, INDArray scale, INDArray dg) {
        int cols = (int) g.length();
        DataType type = g.dataType();
        for (INDArray a : new INDArray[] {norm, c, scale, dg}) {
            if (a != null) {
                check(a, cols, type);
            }
        }
        if (type == DataType.FLOAT) {
            FloatBuffer gs = floats(g);
            FloatBuffer ns = floats(norm);
            FloatBuffer cs = c == null ? null : floats(c);
            FloatBuffer out = floats(scale);
            FloatBuffer dgs = dg == null ? null : floats(dg);
            int go = (int) g.offset();
            int no = (int) norm.offset();
            int co = c == null ? 0 : (int) c.offset();
            int oo = (int) scale.offset();
            int dgo = dg == null ? 0 : (int) dg.offset();
            for (int j = 0; j < cols; j++) {
                float n = ns.get(no + j);
                if (cs == null) {
                    out.put(oo + j, gs.get(go + j) / n);
                } else {
                    float cj = cs.get(co + j);
                    out.put(oo + j, -(cj * gs.get(go + j) / (n * n * n)));
                    if (dgs != null) {
                        dgs.put(dgo + j, cj / n);
                    }
                }
            }
        } else {
            DoubleBuffer gs = doubles(g);
            DoubleBuffer ns = doubles(norm);
            DoubleBuffer cs = c == null ? null : doubles(c);
            DoubleBuffer out = doubles(scale);
            DoubleBuffer dgs = dg == null ? null : doubles(dg);
            int go = (int) g.offset();
            int no = (int) norm.offset();
            int co = c == null ? 0 : (int) c.offset();
            int oo = (int) scale.offset();
            int dgo = dg == null ? 0 : (int) dg.offset();
            for (int j = 0; j < cols; j++) {
                double n = ns.get(no + j);
                if (cs == null) {
                    out.put(oo + j, gs.get(go + j) / n);
                } else {
                    double cj = cs.get(co + j);
                    out.put(oo + j, -(cj * gs.get(go + j) / (n * n * n)));
                    if (dgs != null) {
                        dgs.put(dgo + j, cj / n);
                    }
                }
            }
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
