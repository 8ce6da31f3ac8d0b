package io.github.ssgan.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam for one net: a step of its parameters from their gradients, and the moments a checkpoint keeps. Each algorithm
 * version has its own ({@link AlgorithmVersion#adam}): where ε goes and how the ops are fused change the numbers.
 */
interface Optimizer {
    /**
     * One step at {@code iteration} (0-based, counted over the whole run): parameters ← parameters − Adam's update;
     * then, unless {@code average} is null, average ← decay·average + (1 − decay)·parameters. May overwrite
     * {@code gradients}.
     */
    void step(INDArray parameters, INDArray gradients, int iteration, INDArray average, double decay);

    /** Adam's moments [m | v], 2n elements for n parameters: what a checkpoint saves and restores. */
    INDArray state();
}
