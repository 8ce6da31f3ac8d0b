package io.github.ssgan.model;

import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.Techniques;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The losses of {@link Objectives} as plain loops over the logits ({@link Numerics#FUSED}): per row one log-sum-exp
 * (max, Σ exp, log) in double, and every loss and gradient from it in the same pass, written straight into one
 * gradient array for the whole step. A few thousand operations, where the ND4J form took some sixty small ops of
 * 10–45 µs each. Rows are visited in order, so the sums do not depend on the thread count.
 *
 * <p>The training techniques that change a loss ({@link TechniqueTerms}: label smoothing, the entropy term, the
 * pull-away term) each take their own branch, only when set: with every one off, the same operations run in the same
 * order as before they existed, so every result keeps its bits.
 */
final class FusedObjectives {
    static final Losses LOSSES = new Losses() {
        @Override
        public Step discriminator(INDArray logits, int[] labels, int batch, double unlabeledWeight) {
            return discriminator(logits, labels, batch, unlabeledWeight, Techniques.NONE);
        }

        @Override
        public Step discriminator(INDArray logits, int[] labels, int batch, double unlabeledWeight, Techniques techniques) {
            int k = classes(logits, 3 * batch);
            float[] l = read(logits);
            float[] grad = new float[l.length];
            double[] p = new double[k];
            double alpha = techniques.labelSmoothing();
            double entropyWeight = techniques.entropyWeight();
            // only allocated with the entropy term, so that without it the step is the one before the option
            double[] logP = entropyWeight == 0 ? null : new double[k];
            double[] dH = entropyWeight == 0 ? null : new double[k];
            double sup = 0;
            double unlabeled = 0;
            double fake = 0;
            double entropy = 0;
            int correct = 0;
            for (int i = 0; i < 3 * batch; i++) {
                double lse = softmax(l, i * k, k, p);
                double coefficient;
                if (i < batch) {
                    int label = labels[i];
                    correct += predicted(l, i * k, k) == label ? 1 : 0;
                    sup += lse - l[i * k + label];
                    p[label] -= 1.0;
                    coefficient = 1.0 / batch;
                } else if (i < 2 * batch) {
                    if (alpha == 1) {
                        // −LSE + softplus(LSE) = softplus(−LSE); its derivative −σ(−LSE)·softmax
                        unlabeled += FusedKernels.softplus(-lse);
                        coefficient = -0.5 * unlabeledWeight * FusedKernels.sigmoid(-lse) / batch;
                    } else {
                        unlabeled += TechniqueTerms.smoothedReal(lse, alpha);
                        coefficient = 0.5 * unlabeledWeight * TechniqueTerms.smoothedRealSlope(lse, alpha) / batch;
                    }
                    if (logP != null) {
                        for (int j = 0; j < k; j++) {
                            logP[j] = l[i * k + j] - lse;
                        }
                        entropy += TechniqueTerms.entropy(p, logP, k, dH);
                        for (int j = 0; j < k; j++) {
                            grad[i * k + j] = (float) (coefficient * p[j] + entropyWeight * dH[j] / batch);
                        }
                        continue;
                    }
                } else {
                    fake += FusedKernels.softplus(lse);
                    coefficient = 0.5 * unlabeledWeight * FusedKernels.sigmoid(lse) / batch;
                }
                for (int j = 0; j < k; j++) {
                    grad[i * k + j] = (float) (coefficient * p[j]);
                }
            }
            double uns = 0.5 * unlabeled / batch + 0.5 * fake / batch;
            if (logP != null) {
                uns += entropyWeight * entropy / batch;
            }
            return new Step(sup / batch, uns, 0, correct, write(grad, 3L * batch, k), null);
        }

        @Override
        public Step supervised(INDArray logits, int[] labels) {
            int rows = labels.length;
            int k = classes(logits, rows);
            float[] l = read(logits);
            float[] grad = new float[l.length];
            double[] p = new double[k];
            double sup = 0;
            int correct = 0;
            for (int i = 0; i < rows; i++) {
                double lse = softmax(l, i * k, k, p);
                correct += predicted(l, i * k, k) == labels[i] ? 1 : 0;
                sup += lse - l[i * k + labels[i]];
                p[labels[i]] -= 1.0;
                for (int j = 0; j < k; j++) {
                    grad[i * k + j] = (float) (p[j] / rows);
                }
            }
            return new Step(sup / rows, 0, 0, correct, write(grad, rows, k), null);
        }

        @Override
        public Step generator(INDArray features, INDArray logits, int batch, GeneratorLoss loss) {
            return generator(features, logits, batch, loss, Techniques.NONE);
        }

        @Override
        public Step generator(INDArray features, INDArray logits, int batch, GeneratorLoss loss, Techniques techniques) {
            int f = (int) features.columns();
            if (features.rows() != 2L * batch) {
                throw new IllegalArgumentException("expected " + 2 * batch + " rows of features, got " + features.rows());
            }
            float[] x = read(features);
            double[] unlabeled = new double[f];
            double[] generated = new double[f];
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < f; j++) {
                    unlabeled[j] += x[i * f + j];
                    generated[j] += x[(batch + i) * f + j];
                }
            }
            double value = 0;
            float[] perRow = new float[f];
            double[] exactPerRow = new double[f];
            for (int j = 0; j < f; j++) {
                double diff = unlabeled[j] / batch - generated[j] / batch;
                value += diff * diff;
                exactPerRow[j] = -2.0 * diff / ((double) f * batch);
                perRow[j] = (float) exactPerRow[j];
            }
            value /= f;
            float[] dFeatures = new float[batch * f];
            double pullAwayWeight = techniques.pullAwayWeight();
            if (pullAwayWeight == 0) {
                for (int i = 0; i < batch; i++) {
                    System.arraycopy(perRow, 0, dFeatures, i * f, f);
                }
            } else {
                double[] own = new double[batch * f];
                for (int i = 0; i < batch * f; i++) {
                    own[i] = x[batch * f + i];
                }
                double[] dPullAway = new double[batch * f];
                double pt = TechniqueTerms.pullAway(own, batch, f, dPullAway);
                for (int i = 0; i < batch; i++) {
                    for (int j = 0; j < f; j++) {
                        // both gradients added in double, rounded once
                        dFeatures[i * f + j] = (float) (exactPerRow[j] + pullAwayWeight * dPullAway[i * f + j]);
                    }
                }
                value += pullAwayWeight * pt;
            }
            INDArray dLogits = null;
            if (loss == GeneratorLoss.COMBINED) {
                int k = classes(logits, 2 * batch);
                float[] l = read(logits);
                float[] grad = new float[batch * k];
                double[] p = new double[k];
                double ns = 0;
                for (int i = 0; i < batch; i++) {
                    double lse = softmax(l, (batch + i) * k, k, p);
                    ns += FusedKernels.softplus(-lse);
                    double coefficient = -FusedKernels.sigmoid(-lse) / batch;
                    for (int j = 0; j < k; j++) {
                        grad[i * k + j] = (float) (coefficient * p[j]);
                    }
                }
                value += ns / batch;
                dLogits = write(grad, batch, k);
            }
            return new Step(0, 0, value, 0, dLogits, write(dFeatures, batch, f));
        }
    };

    private FusedObjectives() {
    }

    private static int classes(INDArray logits, int rows) {
        if (logits.rank() != 2 || logits.rows() != rows) {
            throw new IllegalArgumentException("expected logits of " + rows + " rows, got " + logits.shapeInfoToString());
        }
        return (int) logits.columns();
    }

    /** The index of the first largest of {@code l[at, at + k)}. */
    static int predicted(float[] l, int at, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (l[at + j] > l[at + best]) {
                best = j;
            }
        }
        return best;
    }

    /** Softmax of row {@code l[at, at + k)} into p, in double; returns its log-sum-exp. */
    static double softmax(float[] l, int at, int k, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, l[at + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[j] = Math.exp(l[at + j] - max);
            sum += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= sum;
        }
        return max + Math.log(sum);
    }

    private static float[] read(INDArray a) {
        float[] values = new float[(int) a.length()];
        FusedKernels.memory(a).get(0, values);
        return values;
    }

    private static INDArray write(float[] values, long rows, int cols) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        FusedKernels.memory(a).put(0, values);
        return a;
    }
}
