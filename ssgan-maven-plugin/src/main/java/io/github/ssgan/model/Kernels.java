package io.github.ssgan.model;

import static io.github.ssgan.memory.OffHeap.doubles;
import static io.github.ssgan.memory.OffHeap.floats;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fused loops over ND4J's own off-heap memory, for the spots where a chain of ND4J broadcast and
 * transform ops cost more than the matrix product next to them (each op ~2 ns per element at 300×1000 on 2 cores,
 * and every op makes one more pass over memory). {@link #scaleColumns}, {@link #reluGradient} and
 * {@link #weightNormFactors} perform exactly the float (or double) operations, in the same order, as the ND4J ops
 * they replace, so they give the same bits; the first two, over whole matrices, are split over the compute threads
 * ({@link ParallelLoop}), which changes no bit since each element is computed alone. {@link #columnSums} is the
 * exception: it adds row after row, an order ND4J's reductions do not keep, so it agrees with them only to rounding;
 * only {@link Reductions#ROW_ORDER} uses it, which is why that is a choice of the algorithm version
 * ({@link io.github.ssgan.spec.Algorithm#V2}).
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
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer x = floats(a, n);
            FloatBuffer s = floats(k, cols);
            FloatBuffer y = floats(out, n);
            FloatBuffer b = bias == null ? null : floats(bias, cols);
            ParallelLoop.run(n / cols, cols, (from, to) -> {
                for (int row = from * cols; row < to * cols; row += cols) {
                    for (int j = 0; j < cols; j++) {
                        float v = x.get(row + j) * s.get(j);
                        if (b != null) {
                            v = v + b.get(j);
                        }
                        // ND4J's relu: x < 0 ? 0 : x (so −0 and NaN pass through)
                        y.put(row + j, relu && v < 0f ? 0f : v);
                    }
                }
            });
        } else {
            DoubleBuffer x = doubles(a, n);
            DoubleBuffer s = doubles(k, cols);
            DoubleBuffer y = doubles(out, n);
            DoubleBuffer b = bias == null ? null : doubles(bias, cols);
            ParallelLoop.run(n / cols, cols, (from, to) -> {
                for (int row = from * cols; row < to * cols; row += cols) {
                    for (int j = 0; j < cols; j++) {
                        double v = x.get(row + j) * s.get(j);
                        if (b != null) {
                            v = v + b.get(j);
                        }
                        y.put(row + j, relu && v < 0.0 ? 0.0 : v);
                    }
                }
            });
        }
    }

    /** delta ⊙= step(activation), in place: what {@code delta.muli(Transforms.step(activation))} computes. */
    static void reluGradient(INDArray delta, INDArray activation) {
        int n = (int) delta.length();
        if (delta.dataType() == DataType.FLOAT) {
            FloatBuffer d = floats(delta, n);
            FloatBuffer a = floats(activation, n);
            ParallelLoop.run(n, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    d.put(i, d.get(i) * (a.get(i) > 0f ? 1f : 0f));
                }
            });
        } else {
            DoubleBuffer d = doubles(delta, n);
            DoubleBuffer a = doubles(activation, n);
            ParallelLoop.run(n, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    d.put(i, d.get(i) * (a.get(i) > 0.0 ? 1.0 : 0.0));
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
        if (b != null && b.columns() != cols) {
            throw new IllegalArgumentException("column counts differ: " + a.shapeInfoToString() + " and " + b.shapeInfoToString());
        }
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer x = floats(a, n);
            FloatBuffer y = b == null ? null : floats(b, n);
            FloatBuffer result = floats(out, cols);
            float[] sum = new float[cols];
            float[] rowA = new float[cols];
            float[] rowB = b == null ? null : new float[cols];
            for (int row = 0; row < n; row += cols) {
                x.get(row, rowA, 0, cols);
                if (y == null) {
                    for (int j = 0; j < cols; j++) {
                        sum[j] += rowA[j];
                    }
                } else {
                    y.get(row, rowB, 0, cols);
                    for (int j = 0; j < cols; j++) {
                        sum[j] += rowA[j] * rowB[j];
                    }
                }
            }
            for (int j = 0; sqrt && j < cols; j++) {
                sum[j] = (float) Math.sqrt(sum[j]);
            }
            result.put(0, sum);
        } else {
            DoubleBuffer x = doubles(a, n);
            DoubleBuffer y = b == null ? null : doubles(b, n);
            DoubleBuffer result = doubles(out, cols);
            double[] sum = new double[cols];
            for (int row = 0; row < n; row += cols) {
                for (int j = 0; j < cols; j++) {
                    sum[j] += y == null ? x.get(row + j) : x.get(row + j) * y.get(row + j);
                }
            }
            for (int j = 0; sqrt && j < cols; j++) {
                sum[j] = Math.sqrt(sum[j]);
            }
            result.put(0, sum);
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
        if (g.dataType() == DataType.FLOAT) {
            FloatBuffer gs = floats(g, cols);
            FloatBuffer ns = floats(norm, cols);
            FloatBuffer cs = c == null ? null : floats(c, cols);
            FloatBuffer out = floats(scale, cols);
            FloatBuffer dgs = dg == null ? null : floats(dg, cols);
            for (int j = 0; j < cols; j++) {
                float n = ns.get(j);
                if (cs == null) {
                    out.put(j, gs.get(j) / n);
                } else {
                    float cj = cs.get(j);
                    out.put(j, -(cj * gs.get(j) / (n * n * n)));
                    if (dgs != null) {
                        dgs.put(j, cj / n);
                    }
                }
            }
        } else {
            DoubleBuffer gs = doubles(g, cols);
            DoubleBuffer ns = doubles(norm, cols);
            DoubleBuffer cs = c == null ? null : doubles(c, cols);
            DoubleBuffer out = doubles(scale, cols);
            DoubleBuffer dgs = dg == null ? null : doubles(dg, cols);
            for (int j = 0; j < cols; j++) {
                double n = ns.get(j);
                if (cs == null) {
                    out.put(j, gs.get(j) / n);
                } else {
                    double cj = cs.get(j);
                    out.put(j, -(cj * gs.get(j) / (n * n * n)));
                    if (dgs != null) {
                        dgs.put(j, cj / n);
                    }
                }
            }
        }
    }
}
