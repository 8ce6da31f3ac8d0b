package io.github.ssgan.model;

import java.util.Arrays;

/**
 * The loss terms of the training techniques ({@link io.github.ssgan.spec.Techniques}) that {@link FusedObjectives}
 * adds, as small functions in double over plain arrays: the fused loops call them row by row, and
 * {@code TechniqueTermsTest} checks each gradient against central differences in double.
 */
public final class TechniqueTerms {
    /**
     * ε in the pull-away term's norms, ‖f‖_ε = sqrt(‖f‖² + ε²): a row of features that are all 0 (every ReLU off)
     * would otherwise divide by 0. Its cosines are then 0, and so is its gradient.
     */
    static final double PULL_AWAY_EPSILON = 1e-8;

    private TechniqueTerms() {
    }

    /**
     * One-sided label smoothing (Salimans et al. 2016, §3.4) of a real row's term in L_unsup: with D(x) = Z/(Z+1) =
     * σ(LSE), LSE = log Σ_k exp(l_k) (the fake logit fixed at 0), the row aims at α instead of 1:
     * −α·log D − (1−α)·log(1−D) = α·softplus(−LSE) + (1−α)·softplus(LSE).
     */
    public static double smoothedReal(double lse, double alpha) {
        return alpha * FusedKernels.softplus(-lse) + (1 - alpha) * FusedKernels.softplus(lse);
    }

    /**
     * ∂{@link #smoothedReal}/∂LSE = −α·σ(−LSE) + (1−α)·σ(LSE) = σ(LSE) − α; times softmax(l)_j (= ∂LSE/∂l_j) it is the
     * gradient with respect to logit j.
     */
    public static double smoothedRealSlope(double lse, double alpha) {
        return FusedKernels.sigmoid(lse) - alpha;
    }

    /**
     * The conditional entropy H(p) = −Σ_k p_k·log p_k of the K real classes' softmax p (Dai et al. 2017), with
     * ∂H/∂l_j = −p_j·(log p_j + H) into {@code dH}. The logarithms come in as l_j − LSE, which stays finite where p_j
     * underflows to 0 (its term is then 0).
     *
     * @param p    softmax of the row's logits, k values
     * @param logP log p_j = l_j − LSE, k values
     * @param dH   receives ∂H/∂l, k values
     * @return H
     */
    public static double entropy(double[] p, double[] logP, int k, double[] dH) {
        double h = 0;
        for (int j = 0; j < k; j++) {
            h -= p[j] * logP[j];
        }
        for (int j = 0; j < k; j++) {
            dH[j] = -p[j] * (logP[j] + h);
        }
        return h;
    }

    /**
     * The pull-away term of Dai et al. 2017 on N rows of features f_i: PT = 1/(N(N−1))·Σ_{i≠j} (u_i·u_j)², u_i =
     * f_i/‖f_i‖_ε ({@link #PULL_AWAY_EPSILON}), with its gradient ∂PT/∂f_i = (g_i − u_i·(u_i·g_i))/‖f_i‖_ε, g_i =
     * ∂PT/∂u_i = 4/(N(N−1))·Σ_{j≠i} (u_i·u_j)·u_j, into {@code dF}. Rows are split over the compute threads; each row's
     * sums run in order on one thread and the rows' shares are added in row order, so the bits do not depend on the
     * split. Fewer than two rows have no pairs: PT = 0.
     *
     * @param f    rows × cols features, row-major
     * @param dF   receives ∂PT/∂f, rows × cols
     * @return PT
     */
    public static double pullAway(double[] f, int rows, int cols, double[] dF) {
        Arrays.fill(dF, 0, rows * cols, 0.0);
        if (rows < 2) {
            return 0;
        }
        double[] norm = new double[rows];
        double[] u = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            double squares = 0;
            for (int m = 0; m < cols; m++) {
                squares += f[i * cols + m] * f[i * cols + m];
            }
            norm[i] = Math.sqrt(squares + PULL_AWAY_EPSILON * PULL_AWAY_EPSILON);
            for (int m = 0; m < cols; m++) {
                u[i * cols + m] = f[i * cols + m] / norm[i];
            }
        }
        double pairs = (double) rows * (rows - 1);
        double[] perRow = new double[rows];
        ParallelLoop.run(rows, 2 * rows * cols, (from, to) -> {
            double[] g = new double[cols];
            for (int i = from; i < to; i++) {
                Arrays.fill(g, 0.0);
                double squares = 0;
                for (int j = 0; j < rows; j++) {
                    if (j == i) {
                        continue;
                    }
                    double c = 0;
                    for (int m = 0; m < cols; m++) {
                        c += u[i * cols + m] * u[j * cols + m];
                    }
                    squares += c * c;
                    for (int m = 0; m < cols; m++) {
                        g[m] += c * u[j * cols + m];
                    }
                }
                perRow[i] = squares;
                double along = 0;
                for (int m = 0; m < cols; m++) {
                    g[m] *= 4 / pairs;
                    along += u[i * cols + m] * g[m];
                }
                for (int m = 0; m < cols; m++) {
                    dF[i * cols + m] = (g[m] - u[i * cols + m] * along) / norm[i];
                }
            }
        });
        double sum = 0;
        for (double s : perRow) {
            sum += s;
        }
        return sum / pairs;
    }
}
