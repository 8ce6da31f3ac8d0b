package io.github.ssgan.model;

import static io.github.ssgan.memory.OffHeap.floats;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loops of {@link Numerics#FUSED}: everything between two matrix products in one pass over memory, on dense
 * row-major FLOAT arrays. Each loop reads a row (or a row's segment) into a Java array with one bulk copy, computes on
 * it, where the JIT can use vector instructions, and writes it back with another; element by element through the
 * buffers' bounds-checked accessors was 3–10× slower.
 *
 * <p>Every loop is split over the compute threads ({@link ParallelLoop}) so that it gives the same bits however it is
 * split: element-wise work by rows, since each element is computed alone; column sums by blocks of columns, each
 * column summed over all rows, in row order, by one thread. No result depends on the thread count.
 */
final class FusedKernels {
    /** What follows a layer's affine map. */
    enum Activation {
        NONE,
        /** max(x, 0). */
        RELU,
        /** 1 / (1 + e^−x). */
        SIGMOID
    }

    /** What an exponential (or a logarithm) costs against a multiply-add, for {@link ParallelLoop}'s chunk sizes. */
    static final int EXP_COST = 16;

    private FusedKernels() {
    }

    /** A dense row-major FLOAT array's memory; fails for anything else. */
    static FloatBuffer memory(INDArray a) {
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the fused kernels take FLOAT arrays, got " + a.dataType());
        }
        return floats(a, a.length());
    }

    private static int columns(INDArray a) {
        return a.rank() == 1 ? (int) a.length() : (int) a.columns();
    }

    /** out[j] = sqrt(Σ_i v[i,j]²), summed in float in row order: the bits of {@link Kernels#columnSums}. */
    static void columnNorms(INDArray v, INDArray out) {
        int rows = (int) v.rows();
        int cols = columns(v);
        FloatBuffer x = memory(v);
        FloatBuffer result = memory(out);
        ParallelLoop.run(cols, rows, (from, to) -> {
            int width = to - from;
            float[] row = new float[width];
            float[] sum = new float[width];
            for (int i = 0; i < rows; i++) {
                x.get(i * cols + from, row, 0, width);
                for (int j = 0; j < width; j++) {
                    sum[j] += row[j] * row[j];
                }
            }
            for (int j = 0; j < width; j++) {
                sum[j] = (float) Math.sqrt(sum[j]);
            }
            result.put(from, sum, 0, width);
        });
    }

    /** scale[j] = g[j] / norm[j]. */
    static void divide(INDArray g, INDArray norm, INDArray scale) {
        int n = (int) g.length();
        float[] gs = new float[n];
        float[] ns = new float[n];
        memory(g).get(0, gs);
        memory(norm).get(0, ns);
        for (int j = 0; j < n; j++) {
            gs[j] = gs[j] / ns[j];
        }
        memory(scale).put(0, gs);
    }

    /**
     * out = act(linear ⊙ scale + bias), scale and bias per column; then, unless {@code noise} is null,
     * noise += out, in place: the next layer's noisy input.
     */
    static void affine(INDArray linear, INDArray scale, INDArray bias, Activation act, INDArray out, INDArray noise) {
        int cols = columns(linear);
        int rows = (int) (linear.length() / cols);
        FloatBuffer lin = memory(linear);
        FloatBuffer y = memory(out);
        FloatBuffer z = noise == null ? null : memory(noise);
        float[] s = new float[cols];
        float[] b = new float[cols];
        memory(scale).get(0, s);
        memory(bias).get(0, b);
        ParallelLoop.run(rows, cols, act == Activation.SIGMOID ? EXP_COST : 1, (from, to) -> {
            float[] row = new float[cols];
            float[] extra = z == null ? null : new float[cols];
            for (int i = from; i < to; i++) {
                int at = i * cols;
                lin.get(at, row, 0, cols);
                switch (act) {
                    case NONE -> {
                        for (int j = 0; j < cols; j++) {
                            row[j] = row[j] * s[j] + b[j];
                        }
                    }
                    case RELU -> {
                        for (int j = 0; j < cols; j++) {
                            row[j] = Math.max(row[j] * s[j] + b[j], 0f);
                        }
                    }
                    case SIGMOID -> {
                        for (int j = 0; j < cols; j++) {
                            row[j] = (float) sigmoid(row[j] * s[j] + b[j]);
                        }
                    }
                }
                y.put(at, row, 0, cols);
                if (z != null) {
                    z.get(at, extra, 0, cols);
                    for (int j = 0; j < cols; j++) {
                        extra[j] += row[j];
                    }
                    z.put(at, extra, 0, cols);
                }
            }
        });
    }

    /**
     * Back through act(linear ⊙ scale + bias) for rows [from, to) of the last pass: with d = dOut ⊙ act'(out) (act' from
     * the activation's output), writes scaled = d ⊙ scale (may be dOut itself) and, unless {@code c} is null,
     * c[j] = Σ_i d[i,j]·linear[i,j] and dBias[j] = Σ_i d[i,j].
     *
     * @param out    the activation's output for those rows
     * @param linear the product for those rows; read only for c
     */
    static void affineBackward(INDArray dOut, INDArray out, Activation act, INDArray scale, INDArray linear,
                               INDArray c, INDArray dBias, INDArray scaled) {
        int cols = columns(dOut);
        int rows = (int) (dOut.length() / cols);
        FloatBuffer dy = memory(dOut);
        FloatBuffer y = act == Activation.NONE ? null : memory(out);
        FloatBuffer lin = c == null ? null : memory(linear);
        FloatBuffer result = memory(scaled);
        float[] s = new float[cols];
        memory(scale).get(0, s);
        if (c == null) {
            ParallelLoop.run(rows, cols, (from, to) -> {
                float[] d = new float[cols];
                float[] o = y == null ? null : new float[cols];
                for (int i = from; i < to; i++) {
                    int at = i * cols;
                    derivative(dy, y, act, at, 0, cols, d, o);
                    for (int j = 0; j < cols; j++) {
                        d[j] *= s[j];
                    }
                    result.put(at, d, 0, cols);
                }
            });
            return;
        }
        FloatBuffer cs = memory(c);
        FloatBuffer dbs = memory(dBias);
        ParallelLoop.run(cols, rows, (from, to) -> {
            int width = to - from;
            float[] d = new float[width];
            float[] o = y == null ? null : new float[width];
            float[] l = new float[width];
            float[] sumDl = new float[width];
            float[] sumD = new float[width];
            for (int i = 0; i < rows; i++) {
                int at = i * cols + from;
                derivative(dy, y, act, at, from, width, d, o);
                lin.get(at, l, 0, width);
                for (int j = 0; j < width; j++) {
                    sumDl[j] += d[j] * l[j];
                    sumD[j] += d[j];
                    d[j] *= s[from + j];
                }
                result.put(at, d, 0, width);
            }
            cs.put(from, sumDl, 0, width);
            dbs.put(from, sumD, 0, width);
        });
    }

    /** d = dy ⊙ act'(y) for {@code width} elements from {@code at}. */
    private static void derivative(FloatBuffer dy, FloatBuffer y, Activation act, int at, int column, int width,
                                   float[] d, float[] o) {
        dy.get(at, d, 0, width);
        switch (act) {
            case NONE -> {
            }
            case RELU -> {
                y.get(at, o, 0, width);
                for (int j = 0; j < width; j++) {
                    d[j] = reluMask(o[j], d[j]);
                }
            }
            case SIGMOID -> {
                y.get(at, o, 0, width);
                for (int j = 0; j < width; j++) {
                    d[j] = d[j] * (o[j] * (1f - o[j]));
                }
            }
        }
    }

    /**
     * The weight-norm factors from c = Σ_i δ_ij (x·V)_ij: k = −c·g/‖V‖³ into {@code k} and, unless {@code dg} is null,
     * dg = c/‖V‖.
     */
    static void weightNormFactors(INDArray g, INDArray norm, INDArray c, INDArray k, INDArray dg) {
        int n = (int) g.length();
        float[] gs = new float[n];
        float[] ns = new float[n];
        float[] cs = new float[n];
        memory(g).get(0, gs);
        memory(norm).get(0, ns);
        memory(c).get(0, cs);
        float[] ks = new float[n];
        for (int j = 0; j < n; j++) {
            float nj = ns[j];
            ks[j] = -(cs[j] * gs[j] / (nj * nj * nj));
            cs[j] = cs[j] / nj;
        }
        memory(k).put(0, ks);
        if (dg != null) {
            memory(dg).put(0, cs);
        }
    }

    /** out[i,j] = a[i,j]·k[j] (out may be a). */
    static void scaleColumns(INDArray a, INDArray k, INDArray out) {
        int cols = columns(a);
        int rows = (int) (a.length() / cols);
        FloatBuffer x = memory(a);
        FloatBuffer y = memory(out);
        float[] s = new float[cols];
        memory(k).get(0, s);
        ParallelLoop.run(rows, cols, (from, to) -> {
            float[] row = new float[cols];
            for (int i = from; i < to; i++) {
                x.get(i * cols, row, 0, cols);
                for (int j = 0; j < cols; j++) {
                    row[j] *= s[j];
                }
                y.put(i * cols, row, 0, cols);
            }
        });
    }

    /** target += a, element by element. */
    static void addInto(INDArray a, INDArray target) {
        int n = (int) a.length();
        if (target.length() != n) {
            throw new IllegalArgumentException("lengths differ: " + a.length() + " and " + target.length());
        }
        FloatBuffer x = memory(a);
        FloatBuffer y = memory(target);
        ParallelLoop.run(n, 1, (from, to) -> {
            int block = 4096;
            float[] xs = new float[Math.min(block, to - from)];
            float[] ys = new float[xs.length];
            for (int at = from; at < to; at += block) {
                int len = Math.min(block, to - at);
                x.get(at, xs, 0, len);
                y.get(at, ys, 0, len);
                for (int j = 0; j < len; j++) {
                    ys[j] += xs[j];
                }
                y.put(at, ys, 0, len);
            }
        });
    }

    /** target = 0. */
    static void zero(INDArray target) {
        memory(target).put(0, new float[(int) target.length()]);
    }

    /**
     * Batch norm (the batch's own statistics, biased variance, ε inside the root), shift and softplus of a = x·W, per
     * column: x̂ = (a − mean)/sqrt(var + ε) into {@code normalized} (may be a), invStd = 1/sqrt(var + ε),
     * out = softplus(x̂ + β) and sig = σ(x̂ + β), softplus's derivative, kept for the backward pass. Statistics in double.
     */
    static void batchNormSoftplus(INDArray a, INDArray beta, double epsilon, INDArray normalized, INDArray invStd,
                                  INDArray out, INDArray sig) {
        int cols = columns(a);
        int rows = (int) (a.length() / cols);
        FloatBuffer x = memory(a);
        FloatBuffer xHat = memory(normalized);
        FloatBuffer inv = memory(invStd);
        FloatBuffer y = memory(out);
        FloatBuffer s = memory(sig);
        float[] shift = new float[cols];
        memory(beta).get(0, shift);
        ParallelLoop.run(cols, rows, 2 * EXP_COST, (from, to) -> {
            int width = to - from;
            float[] row = new float[width];
            double[] mean = new double[width];
            double[] var = new double[width];
            for (int i = 0; i < rows; i++) {
                x.get(i * cols + from, row, 0, width);
                for (int j = 0; j < width; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < width; j++) {
                mean[j] /= rows;
            }
            for (int i = 0; i < rows; i++) {
                x.get(i * cols + from, row, 0, width);
                for (int j = 0; j < width; j++) {
                    double centred = row[j] - mean[j];
                    var[j] += centred * centred;
                }
            }
            float[] k = new float[width];
            for (int j = 0; j < width; j++) {
                k[j] = (float) (1.0 / Math.sqrt(var[j] / rows + epsilon));
            }
            inv.put(from, k, 0, width);
            float[] yRow = new float[width];
            float[] sRow = new float[width];
            for (int i = 0; i < rows; i++) {
                int at = i * cols + from;
                x.get(at, row, 0, width);
                // two loops: with the normalisation in the loop of exponentials, the JIT's code took twice as long
                for (int j = 0; j < width; j++) {
                    row[j] = (float) ((row[j] - mean[j]) * k[j]);
                }
                for (int j = 0; j < width; j++) {
                    yRow[j] = (float) softplusAndSigmoid(row[j] + shift[from + j], sRow, j);
                }
                xHat.put(at, row, 0, width);
                y.put(at, yRow, 0, width);
                s.put(at, sRow, 0, width);
            }
        });
    }

    /**
     * Back through {@link #batchNormSoftplus}: dy = dOut ⊙ sig, dBeta = Σ_i dy, and
     * ∂L/∂a = invStd/N · (N·dy − Σ_i dy − x̂ ⊙ Σ_i dy ⊙ x̂) into {@code da} (may be dOut). Sums in double.
     */
    static void batchNormSoftplusBackward(INDArray dOut, INDArray sig, INDArray normalized, INDArray invStd,
                                          INDArray dBeta, INDArray da) {
        int cols = columns(dOut);
        int rows = (int) (dOut.length() / cols);
        FloatBuffer dy = memory(dOut);
        FloatBuffer s = memory(sig);
        FloatBuffer xHat = memory(normalized);
        FloatBuffer result = memory(da);
        FloatBuffer db = memory(dBeta);
        float[] inv = new float[cols];
        memory(invStd).get(0, inv);
        ParallelLoop.run(cols, rows, (from, to) -> {
            int width = to - from;
            float[] d = new float[width];
            float[] sg = new float[width];
            float[] xh = new float[width];
            double[] sumDy = new double[width];
            double[] sumDyXHat = new double[width];
            for (int i = 0; i < rows; i++) {
                int at = i * cols + from;
                dy.get(at, d, 0, width);
                s.get(at, sg, 0, width);
                xHat.get(at, xh, 0, width);
                for (int j = 0; j < width; j++) {
                    float g = d[j] * sg[j];
                    sumDy[j] += g;
                    sumDyXHat[j] += (double) g * xh[j];
                }
            }
            float[] sums = new float[width];
            for (int j = 0; j < width; j++) {
                sums[j] = (float) sumDy[j];
            }
            db.put(from, sums, 0, width);
            for (int i = 0; i < rows; i++) {
                int at = i * cols + from;
                dy.get(at, d, 0, width);
                s.get(at, sg, 0, width);
                xHat.get(at, xh, 0, width);
                for (int j = 0; j < width; j++) {
                    double g = d[j] * sg[j];
                    d[j] = (float) (inv[from + j] / rows * (rows * g - sumDy[j] - xh[j] * sumDyXHat[j]));
                }
                result.put(at, d, 0, width);
            }
        });
    }

    /**
     * d where a ReLU's output o is positive, else +0, without a branch: a test of o > 0 mispredicts on half the
     * elements (4.6 ns each, measured), these integer operations vectorize (0.24 ns). o is never −0 or negative, since
     * it is max(x, +0), so its bits are positive exactly where o > 0 (NaN included, passed on as for o > 0).
     */
    static float reluMask(float o, float d) {
        int keep = -Float.floatToRawIntBits(o) >> 31;
        return Float.intBitsToFloat(Float.floatToRawIntBits(d) & keep);
    }

    /**
     * softplus(x) into the result and σ(x) into {@code slope[at]}, from one exponential, one division and one logarithm:
     * with q = 1/(1 + exp(−|x|)) ∈ [½, 1], softplus = max(x, 0) − log q and σ = q for x ≥ 0, 1 − q otherwise, chosen
     * without a branch (q − ½ takes the sign of x). Measured per element: 14.5 ns, against 30 ns with a branch,
     * log(1 + e) and a second division, and 23 ns with {@code Math.log1p}, which is not intrinsic.
     */
    static double softplusAndSigmoid(double x, float[] slope, int at) {
        double q = 1.0 / (1.0 + Math.exp(-Math.abs(x)));
        slope[at] = (float) (Math.copySign(q - 0.5, x) + 0.5);
        return Math.max(x, 0.0) - Math.log(q);
    }

    /** {@link #softplusAndSigmoid(double, float[], int)} with σ(x) kept in double. */
    static double softplusAndSigmoid(double x, double[] slope, int at) {
        double q = 1.0 / (1.0 + Math.exp(-Math.abs(x)));
        slope[at] = Math.copySign(q - 0.5, x) + 0.5;
        return Math.max(x, 0.0) - Math.log(q);
    }

    /** σ(x) = 1/(1 + e^−x); in double e^−x overflows to ∞ only where σ is 0 in any case. */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** softplus(x) = max(x, 0) + log(1 + e^−|x|). */
    static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log(1.0 + Math.exp(-Math.abs(x)));
    }
}
