package io.github.ssgan.training;

import io.github.ssgan.model.Numerics;
import io.github.ssgan.spec.Algorithm;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * Everything an {@link Algorithm} version decides about how the numbers are made (what each means is written
 * there), chosen once per run by {@link #of}: the kernel set (products, reductions, fused loops and losses), the
 * initial weight directions of D, Adam, and what the noise is drawn from. The training step is the same for every
 * version.
 */
enum AlgorithmVersion {
    V1(Numerics.ND4J, 0.05) {
        @Override
        Optimizer adam(INDArray parameters, double learningRate) {
            return new Nd4jAdam(parameters, learningRate, BETA1, BETA2);
        }

        @Override
        Consumer<NoiseTape> noise(Random nd4j, SplittableRandom epochStream) {
            return tape -> tape.fill(nd4j);
        }
    },
    V2(Numerics.ROW_ORDER, 0.1) {
        @Override
        Consumer<NoiseTape> noise(Random nd4j, SplittableRandom epochStream) {
            SplittableRandom stream = epochStream.split();
            return tape -> tape.fill(stream);
        }
    },
    V3(Numerics.FUSED, 0.1) {
        @Override
        Consumer<NoiseTape> noise(Random nd4j, SplittableRandom epochStream) {
            SplittableRandom stream = epochStream.split();
            // each iteration's stream split off in iteration order, then one per block of each array
            return tape -> tape.fillInBlocks(stream.split());
        }

        @Override
        boolean drawsNoiseAhead() {
            return false;
        }
    };

    /** Adam's β1 = 0.5, as in the paper, and the usual β2, for both nets. */
    static final double BETA1 = 0.5;
    static final double BETA2 = 0.999;

    private final Numerics numerics;
    private final double initialDirectionStd;

    AlgorithmVersion(Numerics numerics, double initialDirectionStd) {
        this.numerics = numerics;
        this.initialDirectionStd = initialDirectionStd;
    }

    static AlgorithmVersion of(Algorithm algorithm) {
        return switch (algorithm) {
            case V1 -> AlgorithmVersion.V1;
            case V2 -> AlgorithmVersion.V2;
            case V3 -> AlgorithmVersion.V3;
        };
    }

    /** How the networks and the losses compute: products, reductions, fused loops. */
    Numerics numerics() {
        return numerics;
    }

    /** Standard deviation of the initial weight directions V of the discriminator. */
    double initialDirectionStd() {
        return initialDirectionStd;
    }

    /** Adam with zero moments for one net's {@code parameters}: the paper's form from /2 on. */
    Optimizer adam(INDArray parameters, double learningRate) {
        return new PaperAdam(parameters, learningRate, BETA1, BETA2);
    }

    /**
     * How an epoch's noise tapes are filled, in order: from ND4J's generator {@code nd4j}, re-seeded for the epoch,
     * or from the epoch's Java stream once its shuffles have been drawn from it.
     */
    abstract Consumer<NoiseTape> noise(Random nd4j, SplittableRandom epochStream);

    /**
     * Whether the next iteration's noise is drawn on a thread of its own while this one trains (/1, /2), or by the
     * compute threads when the iteration starts (/3; see {@link NoisePrefetcher}).
     */
    boolean drawsNoiseAhead() {
        return true;
    }
}
