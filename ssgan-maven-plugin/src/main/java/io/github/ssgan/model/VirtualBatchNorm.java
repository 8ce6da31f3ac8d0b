package io.github.ssgan.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Virtual batch normalization (Salimans et al. 2016, §3.5) of one generator layer's pre-activations a = h·W, followed
 * by the shift β and softplus as the batch norm it stands in for. The layer's input stacks n live rows over the R rows
 * of a reference batch; with μ_r and σ²_r the reference rows' mean and (biased) variance per column:
 * <ul>
 *   <li>each reference row is normalized with the reference statistics alone, x̂ = (a − μ_r)/√(σ²_r + ε);</li>
 *   <li>each live row i with the statistics of the reference batch together with itself, as the paper defines it (and
 *   its code computes it, from the blended mean and mean square): μ_i = (R·μ_r + a_i)/(R+1),
 *   σ²_i = (R·E_r[a²] + a_i²)/(R+1) − μ_i², x̂_i = (a_i − μ_i)/√(σ²_i + ε). With δ_i = a_i − μ_r this is
 *   a_i − μ_i = q·δ_i and σ²_i = q·(σ²_r + δ_i²/(R+1)), q = R/(R+1), which is how it is computed (no difference of
 *   two large squares).</li>
 * </ul>
 * A live row's output depends on no other live row. Gradients flow into the live rows and, through μ_r and σ²_r, into
 * the reference rows: ∂L/∂μ_r = −Σ_i ∂L/∂a_i|direct, ∂L/∂σ²_r = −½q² Σ_i g_i δ_i u_i³ with g_i = ∂L/∂x̂_i,
 * u_i = 1/√(σ²_i + ε), and a reference row receives those through ∂μ_r/∂a = 1/R and ∂σ²_r/∂a = 2(a − μ_r)/R on top
 * of its own batch-norm gradient.
 *
 * <p>Computed in double (both for float training and for the double-precision gradient checks), by blocks of columns
 * over the compute threads, each column by one thread in row order: the bits do not depend on the split.
 */
final class VirtualBatchNorm {
    private final double epsilon;
    /** μ_r and σ²_r per column, of the last forward pass. */
    private final double[] mean;
    private final double[] variance;

    VirtualBatchNorm(int width, double epsilon) {
        this.epsilon = epsilon;
        this.mean = new double[width];
        this.variance = new double[width];
    }

    /**
     * out = softplus(x̂ + β) and slope = σ(x̂ + β), softplus's derivative, for a's rows: the first {@code live} ones
     * virtually normalized, the others the reference batch.
     */
    void forward(INDArray a, int live, INDArray beta, INDArray out, INDArray slope) {
        int cols = (int) a.columns();
        int rows = (int) a.rows();
        int reference = rows - live;
        if (reference <= 0 || cols != mean.length) {
            throw new IllegalArgumentException("expected live rows over reference rows of " + mean.length
                    + " columns, got " + a.shapeInfoToString() + " with " + live + " live rows");
        }
        double q = reference / (reference + 1.0);
        double kappa = 1.0 / (reference + 1.0);
        AsDoubles pre = new AsDoubles(a);
        AsDoubles y = new AsDoubles(out);
        AsDoubles s = new AsDoubles(slope);
        double[] shift = new AsDoubles(beta).all();
        ParallelLoop.run(cols, rows, 2 * FusedKernels.EXP_COST, (from, to) -> {
            int width = to - from;
            AsDoubles x = pre.copy();
            AsDoubles yOut = y.copy();
            AsDoubles sOut = s.copy();
            double[] row = new double[width];
            referenceStatistics(x, live, rows, cols, from, width, row);
            double[] yRow = new double[width];
            double[] sRow = new double[width];
            for (int i = 0; i < rows; i++) {
                int at = i * cols + from;
                x.get(at, row, 0, width);
                for (int j = 0; j < width; j++) {
                    double delta = row[j] - mean[from + j];
                    double xHat = i < live
                            ? q * delta / Math.sqrt(q * (variance[from + j] + kappa * delta * delta) + epsilon)
                            : delta / Math.sqrt(variance[from + j] + epsilon);
                    yRow[j] = FusedKernels.softplusAndSigmoid(xHat + shift[from + j], sRow, j);
                }
                yOut.put(at, yRow, 0, width);
                sOut.put(at, sRow, 0, width);
            }
        });
    }

    /** μ_r and σ²_r of columns [from, from + width), from the reference rows [live, rows). */
    private void referenceStatistics(AsDoubles x, int live, int rows, int cols, int from, int width, double[] row) {
        int reference = rows - live;
        double[] mu = new double[width];
        double[] var = new double[width];
        for (int i = live; i < rows; i++) {
            x.get(i * cols + from, row, 0, width);
            for (int j = 0; j < width; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < width; j++) {
            mu[j] /= reference;
        }
        for (int i = live; i < rows; i++) {
            x.get(i * cols + from, row, 0, width);
            for (int j = 0; j < width; j++) {
                double centred = row[j] - mu[j];
                var[j] += centred * centred;
            }
        }
        for (int j = 0; j < width; j++) {
            mean[from + j] = mu[j];
            variance[from + j] = var[j] / reference;
        }
    }

    /**
     * Back through {@link #forward} (its last pass, on pre-activations {@code a}): from ∂L/∂out for all rows (the
     * reference rows' from the next layer's reference statistics, 0 at the last hidden layer), ∂L/∂β = Σ_rows g and
     * ∂L/∂a into {@code da} (may be dOut), with g = ∂L/∂out ⊙ slope.
     */
    void backward(INDArray dOut, INDArray slope, INDArray a, int live, INDArray dBeta, INDArray da) {
        int cols = (int) a.columns();
        int rows = (int) a.rows();
        int reference = rows - live;
        double q = reference / (reference + 1.0);
        double kappa = 1.0 / (reference + 1.0);
        AsDoubles upstream = new AsDoubles(dOut);
        AsDoubles slopes = new AsDoubles(slope);
        AsDoubles pre = new AsDoubles(a);
        AsDoubles result = new AsDoubles(da);
        AsDoubles shift = new AsDoubles(dBeta);
        ParallelLoop.run(cols, rows, (from, to) -> {
            Block block = new Block(upstream, slopes, pre, cols, from, to - from);
            int width = block.width;
            double[] g = block.g;
            double[] centred = block.centred;
            AsDoubles out = result.copy();
            double[] sumG = new double[width];
            double[] dMean = new double[width];
            double[] dVariance = new double[width];
            for (int i = 0; i < live; i++) {
                block.read(i);
                for (int j = 0; j < width; j++) {
                    sumG[j] += g[j];
                    double delta = centred[j];
                    double u = 1.0 / Math.sqrt(q * (variance[from + j] + kappa * delta * delta) + epsilon);
                    double u3 = u * u * u;
                    double direct = g[j] * (q * u - q * q * kappa * delta * delta * u3);
                    dMean[j] -= direct;
                    dVariance[j] -= 0.5 * q * q * g[j] * delta * u3;
                    g[j] = direct;
                }
                out.put(block.at(i), g, 0, width);
            }
            double[] inv = new double[width];
            for (int j = 0; j < width; j++) {
                inv[j] = 1.0 / Math.sqrt(variance[from + j] + epsilon);
            }
            double[] sumGReference = new double[width];
            double[] sumGXHat = new double[width];
            for (int i = live; i < rows; i++) {
                block.read(i);
                for (int j = 0; j < width; j++) {
                    sumGReference[j] += g[j];
                    sumGXHat[j] += g[j] * centred[j] * inv[j];
                }
            }
            for (int i = live; i < rows; i++) {
                block.read(i);
                for (int j = 0; j < width; j++) {
                    g[j] = inv[j] / reference * (reference * g[j] - sumGReference[j] - centred[j] * inv[j] * sumGXHat[j])
                            + dMean[j] / reference + dVariance[j] * 2.0 * centred[j] / reference;
                }
                out.put(block.at(i), g, 0, width);
            }
            for (int j = 0; j < width; j++) {
                sumG[j] += sumGReference[j];
            }
            shift.copy().put(from, sumG, 0, width);
        });
    }

    /** One thread's columns [from, from + width) of a row in the backward pass: g = ∂L/∂out ⊙ slope and a − μ_r. */
    private final class Block {
        final int width;
        final double[] g;
        final double[] centred;
        private final AsDoubles upstream;
        private final AsDoubles slopes;
        private final AsDoubles pre;
        private final int cols;
        private final int from;
        private final double[] slope;

        Block(AsDoubles upstream, AsDoubles slopes, AsDoubles pre, int cols, int from, int width) {
            this.upstream = upstream.copy();
            this.slopes = slopes.copy();
            this.pre = pre.copy();
            this.cols = cols;
            this.from = from;
            this.width = width;
            this.g = new double[width];
            this.centred = new double[width];
            this.slope = new double[width];
        }

        int at(int row) {
            return row * cols + from;
        }

        void read(int row) {
            int at = at(row);
            upstream.get(at, g, 0, width);
            slopes.get(at, slope, 0, width);
            pre.get(at, centred, 0, width);
            for (int j = 0; j < width; j++) {
                g[j] *= slope[j];
                centred[j] -= mean[from + j];
            }
        }
    }
}
