package io.github.ssgan.check;

import java.util.ArrayList;
import java.util.List;

/**
 * One declared rule, as written: an experiment with one or more limits, or a baseline results set with a tolerance.
 * Null means not set. {@link #validate} checks what can be checked without results; unknown experiment ids are found
 * by {@link Gate#evaluate}, which knows the results.
 *
 * @param index                     1-based position among the rules, by which messages name it
 * @param experiment                the experiment the limits apply to (exclusive with baseline)
 * @param minimumAccuracy           lowest acceptable mean accuracy over seeds, a fraction in [0, 1]
 * @param maximumStd                largest acceptable standard deviation of accuracy over seeds, a fraction in [0, 1]
 * @param comparedTo                the experiment whose mean is subtracted for maximumGap
 * @param maximumGap                largest acceptable mean(experiment) − mean(comparedTo), a fraction in [0, 1]
 * @param minimumGainOverSupervised lowest acceptable mean(GAN) − mean(supervised baseline), in [−1, 1]: a negative
 *                                  limit tolerates a GAN that is slightly worse
 * @param baseline                  a results set the current results must not fall below: a directory or
 *                                  groupId:artifactId:version (exclusive with experiment)
 * @param tolerance                 how far below the baseline's mean an experiment's mean may fall, in [0, 1]
 * @param confidence                one-sided confidence of the bound that must clear the limits, in (0.5, 1); null:
 *                                  the plugin-level one, or point values
 */
public record RuleSpec(int index, String experiment, Double minimumAccuracy, Double maximumStd, String comparedTo,
                       Double maximumGap, Double minimumGainOverSupervised, String baseline, Double tolerance,
                       Double confidence) {

    public RuleSpec {
        experiment = blankToNull(experiment);
        comparedTo = blankToNull(comparedTo);
        baseline = blankToNull(baseline);
    }

    /** An experiment rule with a minimum accuracy, the commonest kind. */
    public static RuleSpec minimumAccuracy(int index, String experiment, double limit) {
        return new RuleSpec(index, experiment, limit, null, null, null, null, null, null, null);
    }

    /** A regression rule against a baseline results set. */
    public static RuleSpec baseline(int index, String baseline, double tolerance) {
        return new RuleSpec(index, null, null, null, null, null, null, baseline, tolerance, null);
    }

    public RuleSpec withConfidence(Double level) {
        return new RuleSpec(index, experiment, minimumAccuracy, maximumStd, comparedTo, maximumGap,
                minimumGainOverSupervised, baseline, tolerance, level);
    }

    public boolean isBaselineRule() {
        return baseline != null;
    }

    /** How messages name the rule: {@code rule 2 (labeled-100pct)}. */
    public String name() {
        String subject = experiment != null ? experiment : baseline != null ? "baseline " + baseline : null;
        return "rule " + index + (subject == null ? "" : " (" + subject + ")");
    }

    /** Throws {@link CheckConfigurationException} naming this rule and what is wrong with it. */
    public void validate() {
        if (experiment == null && baseline == null) {
            throw problem("set exactly one of <experiment> and <baseline>, neither is set");
        }
        if (experiment != null && baseline != null) {
            throw problem("set exactly one of <experiment> and <baseline>, both are set");
        }
        if (baseline != null) {
            List<String> misplaced = new ArrayList<>();
            addIfSet(misplaced, "minimumAccuracy", minimumAccuracy);
            addIfSet(misplaced, "maximumStd", maximumStd);
            addIfSet(misplaced, "comparedTo", comparedTo);
            addIfSet(misplaced, "maximumGap", maximumGap);
            addIfSet(misplaced, "minimumGainOverSupervised", minimumGainOverSupervised);
            if (!misplaced.isEmpty()) {
                throw problem("a <baseline> rule takes only <tolerance> and <confidence>, not "
                        + String.join(", ", misplaced) + " (those belong to an <experiment> rule)");
            }
            if (tolerance == null) {
                throw problem("no limit: a <baseline> rule needs a <tolerance> (e.g. 0.002)");
            }
            range("tolerance", tolerance, 0, 1);
        } else {
            if (tolerance != null) {
                throw problem("<tolerance> applies to a <baseline> rule, not to an <experiment> rule");
            }
            if (comparedTo != null && maximumGap == null) {
                throw problem("<comparedTo> without <maximumGap>: set the largest acceptable gap");
            }
            if (maximumGap != null && comparedTo == null) {
                throw problem("<maximumGap> without <comparedTo>: name the experiment the gap is measured to");
            }
            if (experiment.equals(comparedTo)) {
                throw problem("<comparedTo> is the experiment itself");
            }
            if (minimumAccuracy == null && maximumStd == null && maximumGap == null && minimumGainOverSupervised == null) {
                throw problem("no limit: set <minimumAccuracy>, <maximumStd>, <comparedTo> with <maximumGap>, or "
                        + "<minimumGainOverSupervised>");
            }
            range("minimumAccuracy", minimumAccuracy, 0, 1);
            range("maximumStd", maximumStd, 0, 1);
            range("maximumGap", maximumGap, 0, 1);
            range("minimumGainOverSupervised", minimumGainOverSupervised, -1, 1);
        }
        if (confidence != null && !(confidence > 0.5 && confidence < 1)) {
            throw problem("confidence " + confidence + " is outside (0.5, 1), e.g. 0.95");
        }
    }

    CheckConfigurationException problem(String what) {
        return new CheckConfigurationException(name() + ": " + what);
    }

    private void range(String parameter, Double value, double min, double max) {
        // NaN fails both comparisons: rejected too
        if (value != null && !(value >= min && value <= max)) {
            throw problem(parameter + " " + value + " is outside [" + fmt(min) + ", " + fmt(max)
                    + "] (a fraction: 0.98 for 98 %)");
        }
    }

    private static String fmt(double v) {
        return v == (long) v ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void addIfSet(List<String> names, String name, Object value) {
        if (value != null) {
            names.add("<" + name + ">");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
