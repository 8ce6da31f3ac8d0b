package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The one-sided bounds a check compares, against tabulated quantiles: t(0.95, 2) = 2.919986, t(0.95, 4) = 2.131847,
 * t(0.95, 1) = 6.313752, χ²(0.05, 2) = 0.1025866, χ²(0.05, 3) = 0.3518463.
 */
class StatisticsTest {
    private final Statistics three = Statistics.of(0.97, 0.98, 0.99); // mean 0.98, std 0.01

    @Test
    void oneSidedBoundsOfTheMean() {
        assertThat(three.lowerBound(0.95)).isCloseTo(0.98 - 2.919986 * 0.01 / Math.sqrt(3), within(1e-7));
        assertThat(three.upperBound(0.95)).isCloseTo(0.98 + 2.919986 * 0.01 / Math.sqrt(3), within(1e-7));
        Statistics two = Statistics.of(0.97, 0.99); // std 0.0141421
        assertThat(two.lowerBound(0.95)).isCloseTo(0.98 - 6.313752 * Math.sqrt(2) * 0.01 / Math.sqrt(2), within(1e-7));
        Statistics one = Statistics.of(0.97);
        assertThat(one.lowerBound(0.95)).isEqualTo(0.97);
        assertThat(one.upperBound(0.95)).isEqualTo(0.97);
    }

    @Test
    void upperBoundOfTheStandardDeviation() {
        assertThat(three.stdUpperBound(0.95)).isCloseTo(0.01 * Math.sqrt(2 / 0.1025866), within(1e-7));
        Statistics four = Statistics.of(0.96, 0.97, 0.99, 1.0);
        assertThat(four.stdUpperBound(0.95)).isCloseTo(four.std() * Math.sqrt(3 / 0.3518463), within(1e-7));
        assertThat(Statistics.of(0.9).stdUpperBound(0.95)).isZero();
    }

    @Test
    void oneSidedWelchBoundsOfADifference() {
        Statistics other = Statistics.of(0.94, 0.95, 0.96); // mean 0.95, std 0.01: df = 4
        double se = Math.sqrt(2 * 0.0001 / 3);

        assertThat(three.differenceLowerBound(other, 0.95)).isCloseTo(0.03 - 2.131847 * se, within(1e-7));
        assertThat(three.differenceUpperBound(other, 0.95)).isCloseTo(0.03 + 2.131847 * se, within(1e-7));
        // a side with one value: no bound, the difference itself
        assertThat(three.differenceLowerBound(Statistics.of(0.95), 0.95)).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void levelsAreWrittenWithoutTrailingZeros() {
        assertThat(Format.level(0.95)).isEqualTo("95 %");
        assertThat(Format.level(0.975)).isEqualTo("97.5 %");
        assertThat(Format.level(0.999)).isEqualTo("99.9 %");
    }

    @Test
    void medianOfOddAndEvenCountsAndOfNone() {
        assertThat(Statistics.median(3, 1, 2)).isEqualTo(2);
        assertThat(Statistics.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Statistics.median()).isNaN();
    }
}
