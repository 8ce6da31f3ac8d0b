package io.github.ssgan.model;

import io.github.ssgan.spec.GeneratorLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The losses of Salimans et al. 2016 with their gradients with respect to logits or features.
 * Every loss is a mean over its batch; gradients are already divided by the batch size.
 * With the fake logit fixed at 0: log p(real|x) = LSE(l) − softplus(LSE(l)).
 */
public final class Objectives {
    /** The training step's losses from these ops ({@link Numerics#ND4J}, {@link Numerics#ROW_ORDER}). */
    static final Losses LOSSES = new Losses() {
        @Override
        public Step discriminator(INDArray logits, int[] labels, int batch, double unlabeledWeight) {
            INDArray labeled = logits.get(rows(0, batch));
            Loss sup = Objectives.supervised(labeled, labels);
            Loss uns = unsupervised(logits.get(rows(batch, 2 * batch)), logits.get(rows(2 * batch, 3 * batch)));
            double w = unlabeledWeight;
            INDArray dLogits = Nd4j.vstack(sup.gradient(), uns.gradient().muli(w), uns.secondGradient().muli(w));
            return new Step(sup.value(), uns.value(), 0, correct(labeled, labels), dLogits, null);
        }

        @Override
        public Step supervised(INDArray logits, int[] labels) {
            Loss sup = Objectives.supervised(logits, labels);
            return new Step(sup.value(), 0, 0, correct(logits, labels), sup.gradient(), null);
        }

        @Override
        public Step generator(INDArray features, INDArray logits, int batch, GeneratorLoss loss) {
            Loss fm = featureMatching(features.get(rows(0, batch)), features.get(rows(batch, 2 * batch)));
            double value = fm.value();
            INDArray dLogits = null;
            if (loss == GeneratorLoss.COMBINED) {
                Loss ns = nonSaturating(logits.get(rows(batch, 2 * batch)));
                value += ns.value();
                dLogits = ns.gradient();
            }
            return new Step(0, 0, value, 0, dLogits, fm.gradient());
        }
    };

    /** How many rows' largest logit is their label's (ND4J's argMax). */
    static int correct(INDArray labeledLogits, int[] labels) {
        int[] predicted = labeledLogits.argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return correct;
    }

    private Objectives() {
    }

    private static INDArrayIndex[] rows(int from, int to) {
        return new INDArrayIndex[] {NDArrayIndex.interval(from, to), NDArrayIndex.all()};
    }

    /** A scalar loss and its gradient(s). */
    public record Loss(double value, INDArray gradient, INDArray secondGradient) {
    }

    /** Row-wise log Σ exp, built from max/exp/sum/log (numerically safe; SameDiff's fused op has a broken backward). */
    public static INDArray logSumExp(INDArray logits) {
        INDArray max = logits.max(true, 1);
        INDArray shifted = logits.subColumnVector(max);
        return Transforms.log(Transforms.exp(shifted, false).sum(true, 1), false).addi(max);
    }

    static INDArray softmax(INDArray logits, INDArray lse) {
        return Transforms.exp(logits.subColumnVector(lse), false);
    }

    /** softplus(x) = max(x,0) + log(1 + exp(−|x|)), stable for large |x|. */
    static INDArray softplus(INDArray x) {
        INDArray tail = Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1.0), false);
        return Transforms.relu(x, true).addi(tail);
    }

    /** L_sup: cross-entropy of the K real classes on labeled rows. */
    public static Loss supervised(INDArray logits, int[] labels) {
        INDArray lse = logSumExp(logits);
        INDArray grad = softmax(logits, lse);
        double n = logits.rows();
        double loss = lse.sumNumber().doubleValue();
        for (int i = 0; i < labels.length; i++) {
            loss -= logits.getDouble(i, labels[i]);
            grad.putScalar(i, labels[i], grad.getDouble(i, labels[i]) - 1.0);
        }
        return new Loss(loss / n, grad.divi(n), null);
    }

    /**
     * L_unsup = −½·E_unl[LSE(l)] + ½·E_unl[softplus(LSE(l))] + ½·E_fake[softplus(LSE(l))]:
     * real unlabeled rows should look real, generated rows fake. Gradients are for unlabeled and fake logits.
     */
    public static Loss unsupervised(INDArray unlabeled, INDArray fake) {
        INDArray lseU = logSumExp(unlabeled);
        INDArray lseF = logSumExp(fake);
        double nU = unlabeled.rows();
        double nF = fake.rows();
        double loss = -0.5 * lseU.sumNumber().doubleValue() / nU
                + 0.5 * softplus(lseU).sumNumber().doubleValue() / nU
                + 0.5 * softplus(lseF).sumNumber().doubleValue() / nF;
        // d/dl [−½ LSE + ½ softplus(LSE)] = −½ σ(−LSE) softmax;  d/dl ½ softplus(LSE) = ½ σ(LSE) softmax
        INDArray gU = softmax(unlabeled, lseU).muliColumnVector(Transforms.sigmoid(lseU.neg(), false).muli(-0.5 / nU));
        INDArray gF = softmax(fake, lseF).muliColumnVector(Transforms.sigmoid(lseF, true).muli(0.5 / nF));
        return new Loss(loss, gU, gF);
    }

    /**
     * featureMatchingLoss = mean_j (E_unl f_j(x) − E_gen f_j(G(z)))² over D's last hidden layer; a mean over
     * features as in the paper's code. Gradient is for the generated rows' features.
     */
    public static Loss featureMatching(INDArray unlabeledFeatures, INDArray generatedFeatures) {
        INDArray diff = unlabeledFeatures.mean(true, 0).subi(generatedFeatures.mean(true, 0));
        double features = diff.length();
        double loss = diff.mul(diff).sumNumber().doubleValue() / features;
        double rows = generatedFeatures.rows();
        INDArray perRow = diff.muli(-2.0 / (features * rows));
        INDArray grad = generatedFeatures.like().assign(0.0).addiRowVector(perRow);
        return new Loss(loss, grad, null);
    }

    /** Non-saturating generator cost −E log p(real|G(z)) = E softplus(−LSE(l)). */
    public static Loss nonSaturating(INDArray generatedLogits) {
        INDArray lse = logSumExp(generatedLogits);
        double n = generatedLogits.rows();
        double loss = softplus(lse.neg()).sumNumber().doubleValue() / n;
        INDArray grad = softmax(generatedLogits, lse).muliColumnVector(Transforms.sigmoid(lse.neg(), false).muli(-1.0 / n));
        return new Loss(loss, grad, null);
    }
}
