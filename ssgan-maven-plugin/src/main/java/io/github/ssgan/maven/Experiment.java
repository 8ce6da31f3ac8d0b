package io.github.ssgan.maven;

/**
 * One {@code <experiment>} of the {@code experiments} parameter. Each needs an {@code id} and exactly one of
 * {@code labeledFraction} and {@code labelsPerClass}; every other field is optional and falls back to the plugin-level
 * parameter of the same name. {@code -Dssgan.epochs} and {@code -Dssgan.seeds} on the command line override the
 * experiment's own {@code epochs} and {@code seeds}.
 *
 * <pre>{@code
 * <experiment>
 *   <id>labels-10</id>
 *   <labelsPerClass>10</labelsPerClass>
 *   <epochs>300</epochs>
 *   <seeds>1,2,3</seeds>
 * </experiment>
 * }</pre>
 */
public class Experiment {
    /**
     * Names the experiment and its output directory {@code <outputDirectory>/<id>/seed-<n>/}: letters, digits,
     * {@code .}, {@code _} and {@code -}. Required. Example: {@code <id>labeled-10pct</id>}.
     */
    String id;
    /**
     * Fraction f in (0, 1] of each class that is labeled: round(f·n_c) images of class c, the rest unlabeled.
     * Set this or {@code labelsPerClass}. Example: {@code <labeledFraction>0.10</labeledFraction>}.
     */
    Double labeledFraction;
    /**
     * Number k of labeled images per class ({@code 10} is the paper's 100-label setting). Set this or
     * {@code labeledFraction}. Example: {@code <labelsPerClass>10</labelsPerClass>}.
     */
    Integer labelsPerClass;
    /** Epochs of this experiment's runs (default: the plugin's {@code epochs}). Example: {@code <epochs>300</epochs>}. */
    Integer epochs;
    /** Comma-separated seeds, each one run (default: the plugin's {@code seeds}). Example: {@code <seeds>1,2,3</seeds>}. */
    String seeds;
    /** Rows per batch (default: the plugin's {@code batchSize}). Example: {@code <batchSize>100</batchSize>}. */
    Integer batchSize;
    /**
     * Adam learning rate of both networks (default: the plugin's {@code learningRate}). Example:
     * {@code <learningRate>0.003</learningRate>}.
     */
    Double learningRate;
    /**
     * {@code feature-matching} or {@code combined} (default: the plugin's {@code generatorLoss}). Example:
     * {@code <generatorLoss>combined</generatorLoss>}.
     */
    String generatorLoss;
    /**
     * Weight w in L_sup + w·L_unsup (default: the plugin's {@code unlabeledWeight}). Example:
     * {@code <unlabeledWeight>1.0</unlabeledWeight>}.
     */
    Double unlabeledWeight;
    /**
     * Decay in [0, 1) of the weight average evaluated as the classifier, 0.9999 in the paper's code (default: the
     * plugin's {@code averagingDecay}). Example: {@code <averagingDecay>0.9999</averagingDecay>}.
     */
    Double averagingDecay;
    /**
     * Training algorithm version, to re-run a result made by an earlier one (default: the plugin's
     * {@code algorithm}). Example: {@code <algorithm>salimans2016-pi-mnist/1</algorithm>}.
     */
    String algorithm;
    /**
     * Historical averaging (Salimans et al. 2016, §3.3): weight λ ≥ 0 of λ‖θ − θ̄‖² in D's loss, θ̄ the running mean
     * of D's past parameters; 0 is off (default: the plugin's {@code historicalAveraging}). Needs algorithm /3.
     * Example: {@code <historicalAveraging>0.0001</historicalAveraging>}.
     */
    Double historicalAveraging;
    /**
     * One-sided label smoothing (§3.4): the target α in (0, 1] of real unlabeled rows in L_unsup; 1 is off (default:
     * the plugin's {@code labelSmoothing}). Needs algorithm /3. Example: {@code <labelSmoothing>0.9</labelSmoothing>}.
     */
    Double labelSmoothing;
    /**
     * Minibatch discrimination (§3.2): kernels B ≥ 0 on D's last hidden layer; 0 is off (default: the plugin's
     * {@code minibatchKernels}). Needs algorithm /3. Example: {@code <minibatchKernels>100</minibatchKernels>}.
     */
    Integer minibatchKernels;
    /**
     * Dimension C &gt; 0 of each minibatch discrimination kernel, read only with {@code minibatchKernels} (default:
     * the plugin's {@code minibatchKernelDimension}). Example:
     * {@code <minibatchKernelDimension>5</minibatchKernelDimension>}.
     */
    Integer minibatchKernelDimension;
    /**
     * The generator's normalisation: {@code batch} or {@code virtual} (virtual batch norm, §3.5; default: the plugin's
     * {@code generatorNormalization}). Needs algorithm /3 for {@code virtual}. Example:
     * {@code <generatorNormalization>virtual</generatorNormalization>}.
     */
    String generatorNormalization;
    /**
     * Weight ≥ 0 of the conditional entropy of D's class probabilities on unlabeled rows, added to D's loss (Dai et
     * al. 2017); 0 is off (default: the plugin's {@code entropyWeight}). Needs algorithm /3. Example:
     * {@code <entropyWeight>0.1</entropyWeight>}.
     */
    Double entropyWeight;
    /**
     * Weight ≥ 0 of the pull-away term on the generated rows' features, added to G's loss (Dai et al. 2017); 0 is off
     * (default: the plugin's {@code pullAwayWeight}). Needs algorithm /3. Example:
     * {@code <pullAwayWeight>0.1</pullAwayWeight>}.
     */
    Double pullAwayWeight;

    /** For Maven, which fills the fields from the POM. */
    public Experiment() {
    }

    Experiment(String id, double labeledFraction) {
        this.id = id;
        this.labeledFraction = labeledFraction;
    }
}
