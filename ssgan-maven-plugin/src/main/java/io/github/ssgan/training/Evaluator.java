package io.github.ssgan.training;

import io.github.ssgan.results.Confusion;
import io.github.ssgan.data.LabeledImages;
import io.github.ssgan.model.Discriminator;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Accuracy of a classifier without noise, as evaluated after each epoch. With minibatch discrimination the classifier
 * compares each image with the others of its segment, so its output depends on the batch an image is evaluated in:
 * the test set is taken in its order, in consecutive batches of the training batch size (the last one possibly
 * shorter), as the paper's code evaluates it.
 */
final class Evaluator {
    /** Images per forward pass: bounds the evaluation's temporaries, however large the test set. */
    static final int CHUNK = 2000;
    private static final String WORKSPACE = "ssgan-eval";

    private final Discriminator classifier;
    /** Images per forward pass: {@link #CHUNK}, or whole segments with minibatch discrimination. */
    private final int chunk;

    Evaluator(Discriminator classifier) {
        this.classifier = classifier;
        int segment = classifier.minibatchSegmentRows();
        this.chunk = segment == 0 ? CHUNK : Math.max(1, CHUNK / segment) * segment;
    }

    /** How the most likely class compares with the label over {@code data}; its diagonal share is the accuracy. */
    Confusion confusion(LabeledImages data) {
        Confusion confusion = Confusion.empty(Math.max(data.classes(), classifier.architecture().classes()));
        long[][] counts = confusion.counts();
        for (int from = 0; from < data.size(); from += chunk) {
            int to = Math.min(data.size(), from + chunk);
            try (MemoryWorkspace ws = Workspaces.open(WORKSPACE)) {
                INDArray x = data.size() <= chunk ? data.images()
                        : data.images().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                int[] predicted = classifier.forward(x, null).argMax(1).toIntVector();
                for (int i = 0; i < predicted.length; i++) {
                    counts[data.labels()[from + i]][predicted[i]]++;
                }
            }
        }
        return confusion;
    }
}
