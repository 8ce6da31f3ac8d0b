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
}
