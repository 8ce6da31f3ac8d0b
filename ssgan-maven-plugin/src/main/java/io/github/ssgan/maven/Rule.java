package io.github.ssgan.maven;

import io.github.ssgan.check.RuleSpec;

/**
 * One {@code <rule>} of {@code ssgan:check}: either an {@code experiment} with one or more limits, or a
 * {@code baseline} results set with a {@code tolerance}. Accuracies, gaps and tolerances are fractions (0.98 for
 * 98 %). A rule never passes on partial data: runs declared in suite.json without a result fail it by name.
 *
 * <pre>{@code
 * <rule>
 *   <experiment>labeled-10pct</experiment>
 *   <minimumAccuracy>0.98</minimumAccuracy>
 *   <maximumStd>0.005</maximumStd>
 *   <confidence>0.95</confidence>
 * </rule>
 * }</pre>
 */
public class Rule {
    /**
     * The experiment the limits apply to: an id of the results (set this or {@code baseline}).
     * Example: {@code <experiment>labeled-10pct</experiment>}.
     */
    String experiment;
    /**
     * The lowest acceptable mean test accuracy over the seeds, in [0, 1]; with a confidence, the one-sided lower
     * Student-t bound of the mean must reach it. Example: {@code <minimumAccuracy>0.98</minimumAccuracy>}.
     */
    Double minimumAccuracy;
    /**
     * The largest acceptable standard deviation of the test accuracy over the seeds, in [0, 1]; with a confidence,
     * its one-sided upper (chi-squared) bound must stay under it. Example: {@code <maximumStd>0.005</maximumStd>}.
     */
    Double maximumStd;
    /**
     * The experiment whose mean accuracy is subtracted for {@code maximumGap}; both are needed together.
     * Example: {@code <comparedTo>labeled-10pct</comparedTo>}.
     */
    String comparedTo;
    /**
     * The largest acceptable mean(experiment) − mean(comparedTo), in [0, 1]: how far fewer labels may fall behind.
     * With a confidence, the upper bound of Welch's interval must stay under it. Example:
     * {@code <maximumGap>0.01</maximumGap>}.
     */
    Double maximumGap;
    /**
     * The lowest acceptable mean accuracy of the GAN runs minus that of their supervised baseline runs
     * ({@code <experiment>/supervised-seed-<n>/}, which train writes by default), in [−1, 1]. With a confidence, the
     * lower bound of Welch's interval must reach it. Example:
     * {@code <minimumGainOverSupervised>0.05</minimumGainOverSupervised>}.
     */
    Double minimumGainOverSupervised;
    /**
     * A results set no experiment may fall below (set this or {@code experiment}): a directory of
     * {@code ssgan:train} output, or the coordinates {@code groupId:artifactId:version} of a results zip published by
     * {@code ssgan:attach-results} (classifier {@code ssgan-results}, type {@code zip}). Every experiment of the
     * baseline must be in the results with mean ≥ baseline mean − {@code tolerance}. Example:
     * {@code <baseline>io.github.example:mnist-results:1.2.0</baseline>}.
     */
    String baseline;
    /**
     * How far below the baseline's mean an experiment's mean may fall, in [0, 1]; required with {@code baseline}.
     * With a confidence, the lower bound of Welch's interval of the change must reach −tolerance. Example:
     * {@code <tolerance>0.002</tolerance>}.
     */
    Double tolerance;
    /**
     * The one-sided confidence in (0.5, 1) of the bound that must clear this rule's limits (default: the plugin's
     * {@code confidence}); with a single seed the point value is compared, and the log says so. Example:
     * {@code <confidence>0.95</confidence>}.
     */
    Double confidence;

    public Rule() {
    }

    RuleSpec toSpec(int index) {
        return new RuleSpec(index, experiment, minimumAccuracy, maximumStd, comparedTo, maximumGap,
                minimumGainOverSupervised, baseline, tolerance, confidence);
    }
}
