package io.github.ssgan.training;

import io.github.ssgan.data.LabeledImages;
import io.github.ssgan.model.Discriminator;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Accuracy of a classifier without noise, as evaluated after each epoch. */
final class Evaluator {
    /** Images per forward pass: bounds the evaluation's temporaries, however large the test set. */
    static final int CHUNK = 2000;
    private static final String WORKSPACE = "ssgan-eval";

    private final Discriminator classifier;

    Evaluator(Discriminator classifier) {
        this.classifier = classifier;
    }

    /** The share of {@code data} whose most likely class is its label. */
    double accuracy(LabeledImages data) {
        long correct = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            try (MemoryWorkspace ws = Workspaces.open(WORKSPACE)) {
                INDArray x = data.size() <= CHUNK ? data.images()
                        : data.images().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                int[] predicted = classifier.forward(x, null).argMax(1).toIntVector();
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == data.labels()[from + i] ? 1 : 0;
                }
            }
        }
        return (double) correct / data.size();
    }
}
