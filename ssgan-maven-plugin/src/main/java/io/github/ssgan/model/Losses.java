package io.github.ssgan.model;

import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.Techniques;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The losses of one training step with their gradients, made as a kernel set makes them ({@link Numerics#losses()}):
 * the ND4J ops of {@link Objectives} or the fused loops of {@link FusedObjectives}. Values are batch means; gradients
 * are already divided by the batch size.
 */
public interface Losses {
    /**
     * A step's loss values (0 where the step has none) and the gradients to back-propagate.
     *
     * @param correct   labeled rows whose largest logit is their label's (the first largest on a tie)
     * @param dLogits   ∂L/∂logits for the rows the step back-propagates, or null
     * @param dFeatures ∂L/∂features for those rows, or null
     */
    record Step(double labeled, double unlabeled, double generator, int correct, INDArray dLogits, INDArray dFeatures) {
    }

    /**
     * The discriminator step on logits of 3·batch rows (labeled, unlabeled, generated): L_sup on the first batch and
     * L_unsup on the others, with ∂(L_sup + w·L_unsup)/∂logits for all rows.
     */
    Step discriminator(INDArray logits, int[] labels, int batch, double unlabeledWeight);

    /**
     * {@link #discriminator(INDArray, int[], int, double)} with the techniques that change D's loss: one-sided label
     * smoothing α on the unlabeled rows' term of L_unsup, and the weight e of the conditional entropy H of the K
     * classes, averaged over the unlabeled rows. The step then minimises L_sup + w·L_unsup + e·H̄, and reports L_sup
     * as {@code labeled} and L_unsup + e·H̄ as {@code unlabeled}. Only the fused losses ({@link Numerics#FUSED}) have
     * them; the others take every technique off.
     *
     * @throws UnsupportedOperationException from losses without the techniques, when one of them is set
     */
    default Step discriminator(INDArray logits, int[] labels, int batch, double unlabeledWeight, Techniques techniques) {
        if (techniques.labelSmoothing() != Techniques.NONE.labelSmoothing()
                || techniques.entropyWeight() != Techniques.NONE.entropyWeight()) {
            throw new UnsupportedOperationException("labelSmoothing and entropyWeight need the fused losses (/3)");
        }
        return discriminator(logits, labels, batch, unlabeledWeight);
    }

    /** L_sup alone, on logits of labeled rows (the supervised baseline's step). */
    Step supervised(INDArray logits, int[] labels);

    /**
     * The generator step on D's features and logits of 2·batch rows (unlabeled, generated): feature matching, plus the
     * non-saturating cost for {@link GeneratorLoss#COMBINED}; the gradients are for the generated rows.
     */
    Step generator(INDArray features, INDArray logits, int batch, GeneratorLoss loss);

    /**
     * {@link #generator(INDArray, INDArray, int, GeneratorLoss)} plus the pull-away term on the generated rows'
     * features, weighted by the techniques' {@code pullAwayWeight} p: {@code generator} then reports the loss plus
     * p·PT, and dFeatures carries p·∂PT/∂f too. Only the fused losses ({@link Numerics#FUSED}) have it.
     *
     * @throws UnsupportedOperationException from losses without the techniques, when pullAwayWeight is set
     */
    default Step generator(INDArray features, INDArray logits, int batch, GeneratorLoss loss, Techniques techniques) {
        if (techniques.pullAwayWeight() != Techniques.NONE.pullAwayWeight()) {
            throw new UnsupportedOperationException("pullAwayWeight needs the fused losses (/3)");
        }
        return generator(features, logits, batch, loss);
    }
}
