package io.github.ssgan.training;

import io.github.ssgan.data.LabeledImages;
import io.github.ssgan.data.Stratified;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.SpecException;

/**
 * The labeled images of a run, and what else only the data can decide about an experiment: checked for the whole
 * suite before any run starts, so a spec the data cannot hold fails the build without touching earlier results.
 */
public final class LabeledSubset {
    private LabeledSubset() {
    }

    /**
     * Checks what the data decides about an experiment (batch size, labels per class) and returns its labeled rows
     * for the seed; throws {@link SpecException} naming the parameter.
     */
    public static int[] checkFits(ExperimentSpec experiment, LabeledImages train, long seed) {
        if (experiment.batchSize() > train.size()) {
            throw new SpecException("experiment '" + experiment.id() + "' batchSize",
                    experiment.batchSize() + " is larger than the " + train.size() + " training images");
        }
        return select(experiment, train, seed);
    }

    /** Stratified labeled subset: round(f·n_c) or k images of each class c, picked by the run's seed. */
    private static int[] select(ExperimentSpec experiment, LabeledImages train, long seed) {
        int[] counts = train.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (experiment.labelsPerClass() != null && experiment.labelsPerClass() > counts[c]) {
                throw new SpecException("experiment '" + experiment.id() + "' labelsPerClass",
                        experiment.labelsPerClass() + " is larger than class " + c + ", which has " + counts[c] + " training images");
            }
        }
        int[] rows = Stratified.select(train.labels(), train.classes(), c -> experiment.labeledCount(counts[c]), seed);
        if (rows.length == 0) {
            throw new SpecException("experiment '" + experiment.id() + "' labeledFraction",
                    experiment.labeledFraction() + " selects no labeled image of " + train.size());
        }
        return rows;
    }
}
