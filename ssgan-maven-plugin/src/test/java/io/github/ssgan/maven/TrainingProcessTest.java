package io.github.ssgan.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.spec.SpecException;
import org.junit.jupiter.api.Test;

class TrainingProcessTest {
    @Test
    void jvmArgsSplitAsAShellWouldSoAQuotedArgumentKeepsItsSpace() {
        assertThat(TrainingProcess.jvmArguments("-Dx=\"a b\" -Xmx512m")).containsExactly("-Dx=a b", "-Xmx512m");
        assertThat(TrainingProcess.jvmArguments("  -Xmx768m   -Dy='c  d'\t-ea ")).containsExactly("-Xmx768m", "-Dy=c  d", "-ea");
    }

    @Test
    void aValueWrittenOverSeveralPomLinesSplitsAtTheLineBreaks() {
        assertThat(TrainingProcess.jvmArguments("-Xmx768m\n      -Dx=\"a b\"\r\n\t-ea"))
                .containsExactly("-Xmx768m", "-Dx=a b", "-ea");
    }

    @Test
    void noJvmArgsAreNoArguments() {
        assertThat(TrainingProcess.jvmArguments(null)).isEmpty();
        assertThat(TrainingProcess.jvmArguments("  ")).isEmpty();
    }

    @Test
    void anUnbalancedQuoteFailsNamingJvmArgs() {
        assertThatThrownBy(() -> TrainingProcess.jvmArguments("-Dx=\"a b -Xmx512m"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("jvmArgs: ")
                .hasMessageContaining("-Dx=\"a b -Xmx512m");
    }
}
