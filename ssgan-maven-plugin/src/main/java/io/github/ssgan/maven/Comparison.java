package io.github.ssgan.maven;

/**
 * A comparison the report shows: the mean test accuracy of {@code experiment} minus that of {@code comparedTo}, with
 * its interval.
 *
 * <pre>{@code
 * <comparison>
 *   <experiment>labeled-100pct</experiment>
 *   <comparedTo>labeled-10pct</comparedTo>
 * </comparison>
 * }</pre>
 */
public class Comparison {
    /** The experiment whose mean comes first in the difference. */
    String experiment;
    /** The experiment subtracted. */
    String comparedTo;

    public Comparison() {
    }

    Comparison(String experiment, String comparedTo) {
        this.experiment = experiment;
        this.comparedTo = comparedTo;
    }
}
