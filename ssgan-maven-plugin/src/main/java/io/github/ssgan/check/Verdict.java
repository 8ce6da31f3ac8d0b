package io.github.ssgan.check;

import io.github.ssgan.results.Format;
import io.github.ssgan.results.Statistics;
import java.util.List;

/**
 * The outcome of one limit of one rule on one experiment. The numbers come from the results model
 * ({@link Statistics}); this record only words them (with {@link Format}) for the renderers: the log, JUnit XML and
 * Markdown all say the same thing.
 *
 * @param rule        the 1-based index of the rule in the configuration
 * @param experiment  the experiment measured
 * @param reference   what the experiment is measured against: the comparedTo experiment, {@code supervised}, or the
 *                    baseline results set; null for rules on the experiment alone
 * @param subject     the experiment's accuracy over seeds
 * @param compared    the reference's accuracy over seeds; null for rules on the experiment alone
 * @param value       the measured value: mean, std or difference of means (NaN when nothing was measured)
 * @param confidence  the one-sided confidence of {@code bound}, NaN when the rule has none
 * @param bound       the one-sided bound that had to clear the limit; NaN without confidence, or with a single seed
 *                    (then the value is compared, and {@link #text} says so)
 * @param limit       the limit in the rule's own quantity (a regression's is −tolerance: differences are compared)
 * @param missingRuns runs declared in suite.json (or needed by the rule) without a result; non-empty means failed
 * @param problem     why the rule failed without a comparison (missing runs, no results); null when it was compared
 */
public record Verdict(int rule, Kind kind, String experiment, String reference, Statistics subject, Statistics compared,
                      double value, double confidence, double bound, double limit, boolean passed,
                      List<String> missingRuns, String problem) {

    public Verdict {
        missingRuns = List.copyOf(missingRuns);
    }

    /** What a limit constrains, and how its numbers are written. */
    public enum Quantity {
        /** A mean accuracy: "98.33 %". */
        ACCURACY,
        /** A spread in percentage points: "0.21 pp". */
        SPREAD,
        /** A difference of means in percentage points: "+1.20 pp". */
        DIFFERENCE;

        public String format(double fraction) {
            return switch (this) {
                case ACCURACY -> Format.percent(fraction);
                case SPREAD -> Format.points(fraction) + " pp";
                case DIFFERENCE -> Format.signedPoints(fraction);
            };
        }
    }

    /** The kinds of limit, by the configuration parameter that sets each. */
    public enum Kind {
        MINIMUM_ACCURACY("minimumAccuracy", true, Quantity.ACCURACY),
        MAXIMUM_STD("maximumStd", false, Quantity.SPREAD),
        MAXIMUM_GAP("maximumGap", false, Quantity.DIFFERENCE),
        MINIMUM_GAIN("minimumGainOverSupervised", true, Quantity.DIFFERENCE),
        NO_REGRESSION("tolerance", true, Quantity.DIFFERENCE);

        private final String parameter;
        private final boolean minimum;
        private final Quantity quantity;

        Kind(String parameter, boolean minimum, Quantity quantity) {
            this.parameter = parameter;
            this.minimum = minimum;
            this.quantity = quantity;
        }

        /** The configuration parameter that sets this limit. */
        public String parameter() {
            return parameter;
        }

        /** A lower limit (the value must reach it), else an upper one. */
        public boolean isMinimum() {
            return minimum;
        }

        public Quantity quantity() {
            return quantity;
        }
    }

    public boolean hasConfidence() {
        return !Double.isNaN(confidence);
    }

    /** Confidence was asked for but a side had one seed: the point value was compared instead of a bound. */
    public boolean fellBackToPointValue() {
        return hasConfidence() && Double.isNaN(bound) && problem == null;
    }

    /** The measured thing in words: "mean accuracy", "gain over supervised", "change vs &lt;baseline&gt;". */
    public String label() {
        return switch (kind) {
            case MINIMUM_ACCURACY -> "mean accuracy";
            case MAXIMUM_STD -> "accuracy std";
            case MAXIMUM_GAP -> "mean gap to " + reference;
            case MINIMUM_GAIN -> "gain over supervised";
            case NO_REGRESSION -> "change vs " + reference;
        };
    }

    /** The limit with its comparison: "&gt;= 98.00 %". */
    public String limitText() {
        return (kind.isMinimum() ? ">= " : "<= ") + kind.quantity().format(limit);
    }

    /** The rule in words, independent of the results (a stable JUnit test name): "rule 1: mean accuracy &gt;= 98.00 %". */
    public String description() {
        return "rule " + rule + ": " + label() + " " + limitText()
                + (hasConfidence() ? " at " + Format.level(confidence) + " confidence" : "");
    }

    /** Where a verdict belongs: "rule 1, labeled-10pct, minimumAccuracy". */
    public String heading() {
        return "rule " + rule + ", " + experiment + ", " + kind.parameter();
    }

    /** The value formatted, with the bound or why there is none: "98.33 % (95 % lower bound 97.98 %)". */
    public String measured() {
        Quantity q = kind.quantity();
        StringBuilder s = new StringBuilder(q.format(value));
        String means = compared == null || compared.count() == 0 || subject.count() == 0 ? null
                : Format.percent(subject.mean()) + " vs " + Format.percent(compared.mean());
        String bounds = null;
        if (hasConfidence()) {
            String side = kind.isMinimum() ? "lower" : "upper";
            bounds = Double.isNaN(bound)
                    ? (compared == null ? "1 seed" : "a side with 1 seed") + ": point value, no " + side + " bound"
                    : Format.level(confidence) + " " + side + " bound " + q.format(bound);
        }
        if (means != null || bounds != null) {
            s.append(" (").append(means == null ? bounds : bounds == null ? means : means + "; " + bounds).append(')');
        }
        return s.toString();
    }

    /**
     * The verdict in one phrase: "mean accuracy 97.50 % &lt; 99.90 %", or the problem: "mean accuracy: missing runs
     * labeled-10pct/seed-2 ...". The comparison shown is the one that decided.
     */
    public String text() {
        if (problem != null) {
            return label() + ": " + problem;
        }
        String op = kind.isMinimum() ? (passed ? ">=" : "<") : (passed ? "<=" : ">");
        return label() + " " + measured() + " " + op + " " + kind.quantity().format(limit);
    }
}
