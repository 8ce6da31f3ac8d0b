package io.github.ssgan.maven;

/**
 * One {@code <experiment>} of the POM. Unset values fall back to the plugin-level defaults; exactly one of
 * labeledFraction and labelsPerClass must be set.
 */
public class Experiment {
    /** Names the experiment and its output directory. */
    String id;
    /** Fraction f of each class that is labeled: round(f·n_c) images of class c. */
    Double labeledFraction;
    /** Number of labeled images per class (10 is the paper's 100-label setting). */
    Integer labelsPerClass;
    Integer epochs;
    /** Comma-separated seeds, each one run. */
    String seeds;
    Integer batchSize;
    Double learningRate;
    /** feature-matching or combined. */
    String generatorLoss;
    Double unlabeledWeight;
    /** Decay of the weight average evaluated as the classifier (0.9999 in the paper's code). */
    Double averagingDecay;
    /** Training algorithm version, to re-run a result made by an earlier one (see the plugin parameter). */
    String algorithm;

    public Experiment() {
    }

    Experiment(String id, double labeledFraction) {
        this.id = id;
        this.labeledFraction = labeledFraction;
    }
}
