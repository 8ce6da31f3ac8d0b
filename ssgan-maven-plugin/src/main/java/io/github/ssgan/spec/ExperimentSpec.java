package io.github.ssgan.spec;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One declared experiment: how many labels, and the training settings that may differ between experiments.
 * Exactly one of labeledFraction and labelsPerClass is set. Each seed is one run.
 */
public record ExperimentSpec(
        String id,
        Double labeledFraction,
        Integer labelsPerClass,
        int epochs,
        List<Long> seeds,
        int batchSize,
        double learningRate,
        GeneratorLoss generatorLoss,
        double unlabeledWeight,
        Double averagingDecay,
        Algorithm algorithm,
        Techniques techniques) {

    /**
     * Decay of the moving average of D's weights that is evaluated as the classifier, as used by every run before it
     * became a setting (a horizon of ~1 000 iterations). The paper's code uses 0.9999 (~10 000 iterations).
     */
    public static final double DEFAULT_AVERAGING_DECAY = 0.999;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ExperimentSpec {
        seeds = List.copyOf(seeds);
        // result files written before the setting existed have no value: they used the default
        averagingDecay = averagingDecay == null ? DEFAULT_AVERAGING_DECAY : averagingDecay;
        algorithm = algorithm == null ? Algorithm.LATEST : algorithm;
        techniques = techniques == null ? Techniques.NONE : techniques;
    }

    /** An experiment with every training technique off. */
    public ExperimentSpec(String id, Double labeledFraction, Integer labelsPerClass, int epochs, List<Long> seeds,
                          int batchSize, double learningRate, GeneratorLoss generatorLoss, double unlabeledWeight,
                          Double averagingDecay, Algorithm algorithm) {
        this(id, labeledFraction, labelsPerClass, epochs, seeds, batchSize, learningRate, generatorLoss, unlabeledWeight,
                averagingDecay, algorithm, Techniques.NONE);
    }

    /** An experiment with the default averaging decay, the latest algorithm and no training technique. */
    public ExperimentSpec(String id, Double labeledFraction, Integer labelsPerClass, int epochs, List<Long> seeds,
                          int batchSize, double learningRate, GeneratorLoss generatorLoss, double unlabeledWeight) {
        this(id, labeledFraction, labelsPerClass, epochs, seeds, batchSize, learningRate, generatorLoss, unlabeledWeight,
                DEFAULT_AVERAGING_DECAY, Algorithm.LATEST);
    }

    /** Checks everything that can be checked without the data; the message names the parameter. */
    public void validate() {
        String where = "experiment '" + id + "' ";
        if (id == null || !ID.matcher(id).matches()) {
            throw new SpecException("experiments/experiment/id", "'" + id
                    + "' is not a valid id: use letters, digits, '.', '_' and '-', starting with a letter or digit (it names a directory)");
        }
        if (labeledFraction == null && labelsPerClass == null) {
            throw new SpecException(where + "labeledFraction/labelsPerClass", "set exactly one of them, neither is set");
        }
        if (labeledFraction != null && labelsPerClass != null) {
            throw new SpecException(where + "labeledFraction/labelsPerClass", "set exactly one of them, both are set");
        }
        if (labeledFraction != null && !(labeledFraction > 0 && labeledFraction <= 1)) {
            throw new SpecException(where + "labeledFraction", labeledFraction + " is outside (0, 1]");
        }
        if (labelsPerClass != null && labelsPerClass <= 0) {
            throw new SpecException(where + "labelsPerClass", labelsPerClass + " must be positive");
        }
        if (epochs <= 0) {
            throw new SpecException(where + "epochs", epochs + " must be positive");
        }
        if (batchSize <= 0) {
            throw new SpecException(where + "batchSize", batchSize + " must be positive");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new SpecException(where + "learningRate", learningRate + " must be a positive number");
        }
        if (!(unlabeledWeight >= 0) || Double.isInfinite(unlabeledWeight)) {
            throw new SpecException(where + "unlabeledWeight", unlabeledWeight + " must be a non-negative number");
        }
        if (!(averagingDecay >= 0 && averagingDecay < 1)) {
            throw new SpecException(where + "averagingDecay", averagingDecay + " is outside [0, 1)");
        }
        techniques.validate(where, algorithm);
        if (seeds.isEmpty()) {
            throw new SpecException(where + "seeds", "no seeds given");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new SpecException(where + "seeds", "duplicate seeds in " + seeds);
        }
    }

    /** This experiment with other training techniques. */
    public ExperimentSpec withTechniques(Techniques t) {
        return new ExperimentSpec(id, labeledFraction, labelsPerClass, epochs, seeds, batchSize, learningRate,
                generatorLoss, unlabeledWeight, averagingDecay, algorithm, t);
    }

    /** Labeled images per class for a class of the given size. */
    public int labeledCount(int classSize) {
        return labelsPerClass != null ? labelsPerClass : (int) Math.round(labeledFraction * classSize);
    }

    /** Parses "1,2,3" (whitespace allowed). */
    public static List<Long> parseSeeds(String value, String parameter) {
        if (value == null || value.isBlank()) {
            throw new SpecException(parameter, "no seeds given");
        }
        try {
            return Arrays.stream(value.split(",", -1)).map(String::trim).map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw new SpecException(parameter, "'" + value + "' is not a comma-separated list of integers");
        }
    }
}
