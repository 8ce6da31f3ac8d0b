package io.github.ssgan.results;

import java.util.Arrays;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
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

    /** The median of these values (the mean of the middle two for an even count); NaN for none. */
    public static double median(double... values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
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

    /**
     * The one-sided upper bound of the mean at this confidence; the mean itself with one value, where no bound exists.
     */
    public double upperBound(double confidence) {
        if (count < 2) {
            return mean;
        }
        return mean + new TDistribution(count - 1).inverseCumulativeProbability(confidence) * std / Math.sqrt(count);
    }

    /**
     * The one-sided upper bound of the standard deviation at this confidence: s·√((n − 1) / χ²(1 − confidence, n − 1))
     * from the chi-squared distribution of the sample variance (a spread has no Student-t bound); the sample standard
     * deviation itself with one value.
     */
    public double stdUpperBound(double confidence) {
        if (count < 2) {
            return std;
        }
        double chi2 = new ChiSquaredDistribution(count - 1).inverseCumulativeProbability(1 - confidence);
        return std * Math.sqrt((count - 1) / chi2);
    }

    /**
     * The one-sided lower bound of this mean minus the other's at this confidence (Welch's t); the difference itself
     * when either side has fewer than two values. One-sided at c is one end of the two-sided interval at 2c − 1.
     */
    public double differenceLowerBound(Statistics other, double confidence) {
        Difference d = minus(other, 2 * confidence - 1);
        return Double.isNaN(d.halfWidth()) ? d.value() : d.value() - d.halfWidth();
    }

    /** The one-sided upper bound of this mean minus the other's at this confidence (Welch's t); see the lower. */
    public double differenceUpperBound(Statistics other, double confidence) {
        Difference d = minus(other, 2 * confidence - 1);
        return Double.isNaN(d.halfWidth()) ? d.value() : d.value() + d.halfWidth();
    }

    /**
     * This mean minus the other's, with the half width of its two-sided interval at this level (Welch's t: the
     * experiments' variances need not be equal); the half width is NaN when either side has fewer than two values.
     */
    public Difference minus(Statistics other, double level) {
        double diff = mean - other.mean;
        if (count < 2 || other.count < 2) {
            return new Difference(diff, Double.NaN);
        }
        double a = std * std / count;
        double b = other.std * other.std / other.count;
        double se = Math.sqrt(a + b);
        if (se == 0) {
            return new Difference(diff, 0);
        }
        double df = (a + b) * (a + b) / (a * a / (count - 1) + b * b / (other.count - 1));
        return new Difference(diff, new TDistribution(df).inverseCumulativeProbability(0.5 + level / 2) * se);
    }

    /** A difference of means and the half width of its interval (NaN: no interval). */
    public record Difference(double value, double halfWidth) {
    }

    @Override
    public String toString() {
        return "Statistics" + Arrays.toString(new double[] {count, mean, std, min, max});
    }
}
