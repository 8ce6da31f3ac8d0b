package io.github.ssgan.model;

/**
 * How the networks and the losses compute: the kernel set an algorithm version chooses once for a run. The model is
 * the same in each; the order and precision of the operations differ, so each gives its own digits.
 */
public enum Numerics {
    /** ND4J's ops and reductions around {@code Nd4j.gemm}, with the bit-exact fused loops of {@link Kernels}. */
    ND4J(Reductions.ND4J, Gemm.ND4J, false),
    /** The same, with the row-order column sums of {@link Reductions#ROW_ORDER}. */
    ROW_ORDER(Reductions.ROW_ORDER, Gemm.ND4J, false),
    /**
     * Every product one direct BLAS call ({@link Gemm#DIRECT}); everything between the products (the layers' scale,
     * shift, activation and noise, their gradients and column sums, the generator's batch norm, softplus and sigmoid,
     * the losses) as fused loops over the arrays' memory ({@link FusedKernels}, {@link FusedObjectives}), split over
     * the compute threads so that they give the same bits however they are split. Float arrays only.
     */
    FUSED(Reductions.ROW_ORDER, Gemm.DIRECT, true);

    private final Reductions reductions;
    private final Gemm gemm;
    private final boolean fused;

    Numerics(Reductions reductions, Gemm gemm, boolean fused) {
        this.reductions = reductions;
        this.gemm = gemm;
        this.fused = fused;
    }

    /** How the layers sum over rows where they use ND4J-style reductions (initialisation, the unfused kernels). */
    public Reductions reductions() {
        return reductions;
    }

    /** How the products are made. */
    public Gemm gemm() {
        return gemm;
    }

    /** Whether the layers and losses run the fused loops. */
    boolean fused() {
        return fused;
    }

    /** The losses of the training step, made as this kernel set makes them. */
    public Losses losses() {
        return fused ? FusedObjectives.LOSSES : Objectives.LOSSES;
    }
}
