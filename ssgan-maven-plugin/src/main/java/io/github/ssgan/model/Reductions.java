package io.github.ssgan.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the layers reduce over rows (column norms of V, bias and scale gradients). The two ways sum in different
 * orders, so they differ in the last bits and each algorithm version keeps one.
 */
public enum Reductions {
    /** ND4J's reduce ops. */
    ND4J,
    /**
     * A Java loop adding row after row into one accumulator per column: about 10× faster than ND4J's column reductions
     * at this model's shapes (0.2 ms against 1.6–2.3 ms for the norms of all discriminator layers).
     */
    ROW_ORDER;

    // ND4J returns a new row; the row-order loop fills the caller's buffer, since allocating an array for a
    // result (~45 µs each, measured) cost more than the sum itself

    /** ‖column‖₂ of a as a [1, columns] row: a new one, or {@code buffer} filled. */
    INDArray columnNorms(INDArray a, INDArray buffer) {
        return this == ND4J ? a.norm2(true, 0) : Kernels.columnSums(a, a, true, buffer);
    }

    /** Σ_rows a ⊙ b as a [1, columns] row: a new one, or {@code buffer} filled. */
    INDArray columnDots(INDArray a, INDArray b, INDArray buffer) {
        return this == ND4J ? a.mul(b).sum(true, 0) : Kernels.columnSums(a, b, false, buffer);
    }

    /** Σ_rows a as a [1, columns] row: a new one, or {@code buffer} filled. */
    INDArray columnSums(INDArray a, INDArray buffer) {
        return this == ND4J ? a.sum(true, 0) : Kernels.columnSums(a, null, false, buffer);
    }

    /** target ← Σ_rows a. */
    void columnSumsInto(INDArray a, INDArray target) {
        INDArray sums = columnSums(a, target);
        if (sums != target) {
            target.assign(sums);
        }
    }

    /** A [1, columns] buffer for results, outside any workspace: it lives as long as its layer. */
    static INDArray buffer(DataType type, long columns) {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.create(type, 1, columns);
        }
    }
}
