package io.github.ssgan.training;

import io.github.ssgan.data.Shuffle;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seeds and shuffles of a run, epoch by epoch. Every source of randomness is re-seeded from (seed, epoch) at the
 * start of each epoch, so an epoch's numbers depend only on the state at its start: a run resumed from a checkpoint
 * continues exactly as if uninterrupted. Epoch 0 is the initialisation.
 */
final class EpochSchedule {
    private final long seed;
    private final int trainSize;
    private final int[] labeledRows;
    private final int batch;

    EpochSchedule(long seed, int trainSize, int[] labeledRows, int batch) {
        this.seed = seed;
        this.trainSize = trainSize;
        this.labeledRows = labeledRows;
        this.batch = batch;
    }

    static long epochSeed(long seed, int epoch) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch).nextLong();
    }

    /** ND4J's generator, seeded for the initialisation; {@link #epoch} re-seeds it for each epoch. */
    Random newNd4jRandom() {
        return Nd4j.getRandomFactory().getNewRandomInstance(epochSeed(seed, 0));
    }

    /** The training rows the data-dependent initialisation sees: the first {@code count} of a permutation. */
    int[] initialisationRows(int count) {
        SplittableRandom stream = new SplittableRandom(epochSeed(seed, 0));
        return Arrays.copyOf(Shuffle.permutation(trainSize, stream), Math.min(count, trainSize));
    }

    /** Re-seeds {@code nd4j} for epoch {@code epoch} and draws the shuffles of its first {@code iterations} iterations. */
    Epoch epoch(int epoch, int iterations, Random nd4j) {
        long epochSeed = epochSeed(seed, epoch);
        nd4j.setSeed(epochSeed);
        SplittableRandom stream = new SplittableRandom(epochSeed);
        int[] unlabeled = Shuffle.permutation(trainSize, stream);
        int[] generator = Shuffle.permutation(trainSize, stream);
        int[] labeled = tiledLabeledOrder(iterations * batch, stream);
        return new Epoch(batch, labeled, unlabeled, generator, stream);
    }

    /** The labeled rows, re-permuted and tiled until there are {@code length} of them: few labels are seen often. */
    private int[] tiledLabeledOrder(int length, SplittableRandom stream) {
        int[] order = new int[length];
        for (int filled = 0; filled < length; ) {
            int[] perm = Shuffle.permutation(labeledRows.length, stream);
            for (int i = 0; i < perm.length && filled < length; i++) {
                order[filled++] = labeledRows[perm[i]];
            }
        }
        return order;
    }

    /**
     * One epoch's shuffles: which training rows each iteration's labeled, unlabeled and generator-step batches take;
     * {@code stream} is what is left of the epoch's Java random stream once they are drawn.
     */
    record Epoch(int batch, int[] labeled, int[] unlabeled, int[] generator, SplittableRandom stream) {
        /** The real rows of iteration {@code it}'s D step: B labeled, then B unlabeled. */
        int[] discriminatorRows(int it) {
            int[] rows = new int[2 * batch];
            System.arraycopy(labeled, it * batch, rows, 0, batch);
            System.arraycopy(unlabeled, it * batch, rows, batch, batch);
            return rows;
        }

        /** The real rows of iteration {@code it}'s G step: B unlabeled, a different shuffle from D's. */
        int[] generatorRows(int it) {
            return Arrays.copyOfRange(generator, it * batch, (it + 1) * batch);
        }
    }
}
