package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.results.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
    @TempDir
    Path dir;

    private static final List<EpochMetrics> HISTORY = List.of(
            new EpochMetrics(1, 0.5, 1.25, 3.0e-5, 0.875, 0.8125, 12.3456),
            new EpochMetrics(2, 0.25, 0.75, 0.125, 0.9375, 0.90625, 11.5));

    @Test
    void writesAHeaderAndOneRowPerEpoch() throws IOException {
        MetricsCsv.write(dir.resolve(RunDirectory.METRICS), HISTORY);

        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("epoch,loss_labeled,loss_unlabeled,loss_generator,train_accuracy,test_accuracy,seconds");
        assertRow(lines.get(1), HISTORY.get(0));
        assertRow(lines.get(2), HISTORY.get(1));
        assertThat(lines.get(2)).endsWith(",0.937500,0.906250,11.500");
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        MetricsCsv.write(dir.resolve(RunDirectory.METRICS), HISTORY);
        List<EpochMetrics> read = MetricsCsv.read(dir.resolve(RunDirectory.METRICS));
        assertThat(read).hasSize(2);
        assertThat(read.get(1).epoch()).isEqualTo(2);
        assertThat(read.get(1).testAccuracy()).isEqualTo(0.90625);
        assertThat(read.get(0).seconds()).isCloseTo(12.346, within(1e-9));
    }

    @Test
    void refusesAFileWithoutTheHeader() throws IOException {
        Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsCsv.read(dir.resolve("other.csv")))
                .isInstanceOf(IOException.class).hasMessageContaining("not a metrics.csv");
    }

    @Test
    void usesDecimalPointsWhateverTheDefaultLocale() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            MetricsCsv.write(dir.resolve(RunDirectory.METRICS), HISTORY);
        } finally {
            Locale.setDefault(before);
        }

        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(1).split(",")).hasSize(7);
        assertThat(lines.get(1)).startsWith("1,0.500000000,1.25000000,").endsWith(",0.875000,0.812500,12.346");
        assertRow(lines.get(1), HISTORY.get(0));
    }

    @Test
    void rewritesTheWholeFileEachEpoch() throws IOException {
        MetricsCsv.write(dir.resolve(RunDirectory.METRICS), HISTORY);
        MetricsCsv.write(dir.resolve(RunDirectory.METRICS), HISTORY.subList(0, 1));

        assertThat(Files.readAllLines(dir.resolve(RunDirectory.METRICS))).hasSize(2);
    }

    @Test
    void emptyHistoryIsJustTheHeader() {
        assertThat(MetricsCsv.format(List.of()).strip()).isEqualTo(MetricsCsv.HEADER);
    }

    private static void assertRow(String line, EpochMetrics m) {
        String[] f = line.split(",");
        assertThat(f).hasSize(7);
        assertThat(Integer.parseInt(f[0])).isEqualTo(m.epoch());
        assertThat(Double.parseDouble(f[1])).isCloseTo(m.lossLabeled(), within(1e-9));
        assertThat(Double.parseDouble(f[2])).isCloseTo(m.lossUnlabeled(), within(1e-9));
        assertThat(Double.parseDouble(f[3])).isCloseTo(m.lossGenerator(), within(1e-12));
        assertThat(Double.parseDouble(f[4])).isCloseTo(m.trainAccuracy(), within(1e-6));
        assertThat(Double.parseDouble(f[5])).isCloseTo(m.testAccuracy(), within(1e-6));
        assertThat(Double.parseDouble(f[6])).isCloseTo(m.seconds(), within(1e-3));
    }
}
