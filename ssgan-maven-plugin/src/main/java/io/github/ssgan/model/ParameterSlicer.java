package io.github.ssgan.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Hands out consecutive views of one flat vector, so a whole network's parameters (and, with the same
 * layout, its gradients and optimizer state) live in one buffer: one Adam call, one EMA update, one checkpoint write.
 */
final class ParameterSlicer {
    private final INDArray flat;
    private long offset;

    ParameterSlicer(INDArray flat) {
        this.flat = flat;
    }

    INDArray next(long rows, long cols) {
        long n = rows * cols;
        INDArray view = flat.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', rows, cols);
        offset += n;
        return view;
    }

    long used() {
        return offset;
    }
}
