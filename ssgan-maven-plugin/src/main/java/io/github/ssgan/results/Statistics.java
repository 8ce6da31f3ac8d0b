package io.github.ssgan.results;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * A metric over the seeds of one experiment: count, mean, sample standard deviation (n − 1), min and max, and the
 * two-sided Student-t confidence interval of the mean. Computed here once; every renderer only formats it.
 */
public record Statistics(int count, double mean, double std, double min, double max) {

    public static Statistics of(double... values) {
        DescriptiveStatistics d = new DescriptiveStatistics(values);
        // one value has no spread: std 0 rather than NaN, and the interval says so (see halfWidth)
        return new Statistics(values.length, d.getMean(), values.length < 2 ? 0 : d.getStandardDeviation(),
                d.getMin(), d.getMax());
    }

    /**
     * Half the width of the two-sided confidence interval of the mean at this level (e.g. 0.95), from Student's t
     * with count − 1 degrees of freedom; NaN with fewer than two values, where no interval exists.
     */
    public double halfWidth(double level) {
        if (count < 2) {
            return Double.NaN;
        }
        double t = new TDistribution(count - 1).inverseCumulativeProbability(0.5 + level / 2);
        return t * std / Math.sqrt(count);
    }

    /**
     * The one-sided lower bound of the mean at this confidence (e.g. 0.95); the mean itself with one value, where
     * no bound exists.
     */
    public double lowerBound(double confidence) {
        if (count < 2) {
            return mean;
        }
        return mean - new TDistribution(count - 1).inverseCumulativeProbability(confidence) * std / Math.sqrt(count);
    }

    @Override
    public String toString() {
        return "Statistics" + Arrays.toString(new double[] {count, mean, std, min, max});
    }
}
