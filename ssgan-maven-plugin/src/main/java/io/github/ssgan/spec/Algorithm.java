package io.github.ssgan.spec;

/**
 * Versions of the training algorithm: the same model and objectives, made differently enough to change the numbers.
 * Every version stays runnable, so a result file can be re-run to the same digits after the default has moved on;
 * its id is part of the config hash. What each version means is written here; the training package turns it into
 * code in one place (its {@code AlgorithmVersion}).
 */
public enum Algorithm {
    /**
     * The discriminator's Gaussian noise drawn by ND4J's random ops, ND4J's Adam op (ε = 1e-4 outside the square
     * root) followed by separate ops for the update and the weight average, ND4J's column reductions, and initial
     * weight directions V ~ N(0, 0.05).
     */
    V1("salimans2016-pi-mnist/1"),
    /**
     * The noise drawn in Java from a {@link java.util.SplittableRandom} split off the epoch's stream (a ziggurat,
     * ~3 ns per draw against ~20 ns for ND4J's Box-Muller op, whose 1.5 M draws per iteration took a sixth of it),
     * one fused pass for Adam, the update and the weight average, Adam in the paper's form (ε = 1e-8 inside the
     * square root), column sums and norms in row order, and V ~ N(0, 0.1) as in the paper's code.
     */
    V2("salimans2016-pi-mnist/2"),
    /**
     * /2's noise, Adam and initialisation, computed for speed: every matrix product one direct {@code cblas_sgemm}
     * call on the arrays' memory (transposes as BLAS flags), and everything between the products as fused Java loops
     * over preallocated memory, split over the compute threads so that they give the same bits however they are
     * split: each layer's scale, shift, ReLU and noise in one pass, its gradient's activation derivative, scaling and
     * column sums in another; the generator's batch norm, softplus and sigmoid with their gradients (batch statistics
     * in double); the losses, log-sum-exp and their gradients in double, row by row. Only the BLAS's own threading may
     * make the digits depend on the thread count, so for this version the thread count is part of the config hash.
     * The training techniques ({@link Techniques}) exist from this version on; with every one off, not one operation
     * changes.
     */
    V3("salimans2016-pi-mnist/3");

    /** What a run uses unless told otherwise. */
    public static final Algorithm LATEST = V3;

    public final String id;

    Algorithm(String id) {
        this.id = id;
    }

    /**
     * Whether a run's thread count is part of its config hash: from /3 on. OpenBLAS returns other bits for another
     * thread count, so the same settings on another count are another computation; /1 and /2 results were hashed
     * without it and keep their hashes (their result.json records the threads under provenance).
     */
    public boolean hashesThreads() {
        return compareTo(V3) >= 0;
    }

    /**
     * Whether the training techniques of {@link Techniques} can be switched on: from /3 on. The earlier versions stay
     * as they were, so that their results re-run to the same digits.
     */
    public boolean hasTechniques() {
        return compareTo(V3) >= 0;
    }

    public static Algorithm parse(String value, String parameter) {
        return EnumIds.parse(values(), a -> a.id, value, parameter, "algorithm");
    }

    @Override
    public String toString() {
        return id;
    }
}
