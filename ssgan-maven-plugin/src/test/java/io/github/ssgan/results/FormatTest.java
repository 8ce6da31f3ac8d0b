package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void meanStdStatesASpreadOnlyWhereThereIsOne() {
        assertThat(Format.meanStd(Statistics.of())).isEqualTo("–");
        // one seed: a standard deviation of 0.00 would read as "no spread", which one seed cannot tell
        assertThat(Format.meanStd(Statistics.of(0.9909))).isEqualTo("99.09 % (1 seed)");
        assertThat(Format.meanStd(Statistics.of(0.99, 0.992))).startsWith("99.10 % ± 0.1");
    }

    @Test
    void anIntervalOfAnAccuracyStaysWithin0And100Percent() {
        assertThat(Format.interval(0.9925, 0.0010)).isEqualTo("[99.15, 99.35] %");
        // three seeds, one collapsed: 98.59 % ± a half-width of 1.64 points
        assertThat(Format.interval(0.9859, 0.0164)).isEqualTo("[96.95, 100.00] %");
        assertThat(Format.interval(0.01, 0.05)).isEqualTo("[0.00, 6.00] %");
        assertThat(Format.interval(0.99, Double.NaN)).isEqualTo("–");
    }
}
