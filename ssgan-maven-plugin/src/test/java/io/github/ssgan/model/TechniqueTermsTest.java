package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The techniques' loss terms in double: each value against its definition written out, each gradient against
 * central differences of the value (h = 1e-6, so the differences' own error is some 1e-10).
 */
class TechniqueTermsTest {
    private static final double H = 1e-6;

    /** Central differences of {@code f} at x, element by element. */
    private static double[] numeric(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double original = x[i];
            x[i] = original + H;
            double plus = f.applyAsDouble(x);
            x[i] = original - H;
            double minus = f.applyAsDouble(x);
            x[i] = original;
            g[i] = (plus - minus) / (2 * H);
        }
        return g;
    }

    private static void assertGradient(double[] analytic, double[] numeric) {
        assertThat(analytic).hasSameSizeAs(numeric);
        for (int i = 0; i < numeric.length; i++) {
            assertThat(analytic[i]).as("element %d", i).isCloseTo(numeric[i], within(1e-7 + 1e-6 * Math.abs(numeric[i])));
        }
    }

    private static double[] random(int n, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * (2 * r.nextDouble() - 1);
        }
        return x;
    }

    private static double lse(double[] l) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : l) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : l) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private static double[] softmax(double[] l) {
        double lse = lse(l);
        double[] p = new double[l.length];
        for (int j = 0; j < l.length; j++) {
            p[j] = Math.exp(l[j] - lse);
        }
        return p;
    }

    @Test
    void labelSmoothingIsTheCrossEntropyWithTargetAlphaAndItsGradientIsNumeric() {
        double[] logits = random(10, 3, 1);
        for (double alpha : new double[] {1.0, 0.9, 0.5, 0.1}) {
            double lse = lse(logits);
            double d = Math.exp(lse) / (Math.exp(lse) + 1); // D(x) = Z/(Z+1)
            assertThat(TechniqueTerms.smoothedReal(lse, alpha)).as("α %s", alpha)
                    .isCloseTo(-alpha * Math.log(d) - (1 - alpha) * Math.log(1 - d), within(1e-12));

            // ∂/∂l_j through the log-sum-exp: slope·softmax_j
            double slope = TechniqueTerms.smoothedRealSlope(lse, alpha);
            double[] p = softmax(logits);
            double[] analytic = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                analytic[j] = slope * p[j];
            }
            assertGradient(analytic, numeric(l -> TechniqueTerms.smoothedReal(lse(l), alpha), logits));
        }
        // α = 1 is the unsmoothed term: −log D = softplus(−LSE)
        assertThat(TechniqueTerms.smoothedReal(2.5, 1.0)).isEqualTo(FusedKernels.softplus(-2.5));
        // large logits: finite
        assertThat(TechniqueTerms.smoothedReal(800, 0.9)).isCloseTo(0.1 * 800, within(1e-9));
        assertThat(TechniqueTerms.smoothedRealSlope(800, 0.9)).isCloseTo(0.1, within(1e-12));
    }

    private static double entropyOf(double[] logits, double[] dH) {
        double lse = lse(logits);
        double[] p = softmax(logits);
        double[] logP = new double[logits.length];
        for (int j = 0; j < logits.length; j++) {
            logP[j] = logits[j] - lse;
        }
        return TechniqueTerms.entropy(p, logP, logits.length, dH);
    }

    @Test
    void theEntropyIsMinusSumPLogPAndItsGradientIsNumeric() {
        double[] logits = random(10, 3, 2);
        double[] dH = new double[logits.length];
        double h = entropyOf(logits, dH);

        double expected = 0;
        for (double p : softmax(logits)) {
            expected -= p * Math.log(p);
        }
        assertThat(h).isCloseTo(expected, within(1e-12));
        assertGradient(dH, numeric(l -> entropyOf(l, new double[l.length]), logits));

        // equal logits: the largest entropy log K, and a stationary point
        double[] flat = new double[10];
        assertThat(entropyOf(flat, dH)).isCloseTo(Math.log(10), within(1e-12));
        for (double d : dH) {
            assertThat(d).isCloseTo(0, within(1e-15));
        }
        // a probability that underflows to 0 contributes 0, not NaN
        double[] peaked = {800, 0, -800};
        assertThat(entropyOf(peaked, dH)).isEqualTo(0.0);
        assertThat(dH).doesNotContain(Double.NaN);
    }

    @Test
    void thePullAwayTermIsTheMeanSquaredCosineOfDistinctRowsAndItsGradientIsNumeric() {
        int rows = 5;
        int cols = 4;
        double[] f = random(rows * cols, 1, 3);
        double[] dF = new double[rows * cols];
        double pt = TechniqueTerms.pullAway(f, rows, cols, dF);

        double expected = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                if (i != j) {
                    double dot = 0;
                    double ni = 0;
                    double nj = 0;
                    for (int m = 0; m < cols; m++) {
                        dot += f[i * cols + m] * f[j * cols + m];
                        ni += f[i * cols + m] * f[i * cols + m];
                        nj += f[j * cols + m] * f[j * cols + m];
                    }
                    double cos = dot / Math.sqrt(ni * nj);
                    expected += cos * cos;
                }
            }
        }
        assertThat(pt).isCloseTo(expected / (rows * (rows - 1)), within(1e-12));
        assertGradient(dF, numeric(x -> TechniqueTerms.pullAway(x, rows, cols, new double[rows * cols]), f));
    }

    @Test
    void aRowOfZerosHasNoCosineAndNoGradientAndOneRowHasNoPairs() {
        int rows = 3;
        int cols = 4;
        double[] f = random(rows * cols, 1, 4);
        for (int m = 0; m < cols; m++) {
            f[cols + m] = 0; // row 1: every ReLU off
        }
        double[] dF = new double[rows * cols];
        double pt = TechniqueTerms.pullAway(f, rows, cols, dF);

        assertThat(dF).doesNotContain(Double.NaN);
        for (int m = 0; m < cols; m++) {
            assertThat(dF[cols + m]).isZero();
        }
        double[] others = new double[2 * cols];
        System.arraycopy(f, 0, others, 0, cols);
        System.arraycopy(f, 2 * cols, others, cols, cols);
        // only the pair (0, 2) counts, among the 6 ordered pairs of 3 rows
        assertThat(pt).isCloseTo(TechniqueTerms.pullAway(others, 2, cols, new double[2 * cols]) * 2 / 6, within(1e-12));
        assertGradient(dF, numeric(x -> TechniqueTerms.pullAway(x, rows, cols, new double[rows * cols]), f));

        double[] one = {1, 2, 3};
        double[] dOne = {9, 9, 9};
        assertThat(TechniqueTerms.pullAway(one, 1, 3, dOne)).isZero();
        assertThat(dOne).containsOnly(0.0);
    }

    /** The rows are split over the compute threads; the bits must not depend on how. */
    @Test
    void thePullAwayTermGivesTheSameBitsOnAnyThreadCount() {
        int rows = 64;
        int cols = 40;
        double[] f = random(rows * cols, 1, 5);
        int before = ParallelLoop.threads();
        try {
            ParallelLoop.setThreads(1);
            double[] one = new double[rows * cols];
            double ptOne = TechniqueTerms.pullAway(f, rows, cols, one);
            ParallelLoop.setThreads(3);
            double[] three = new double[rows * cols];
            double ptThree = TechniqueTerms.pullAway(f, rows, cols, three);
            assertThat(ptThree).isEqualTo(ptOne);
            assertThat(three).containsExactly(one);
        } finally {
            ParallelLoop.setThreads(before);
        }
    }
}
