package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.results.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReferenceTableTest {
    private static RunResult run(String experiment, String algorithm, Double averagingDecay, int labeled, double... testAccuracies) {
        Map<String, Object> config = new TreeMap<>();
        config.put("algorithm", algorithm);
        if (averagingDecay != null) {
            config.put("averagingDecay", averagingDecay);
        }
        List<EpochMetrics> history = new ArrayList<>();
        for (int i = 0; i < testAccuracies.length; i++) {
            history.add(new EpochMetrics(i + 1, 0.1, 0.2, 0.3, 0.9, testAccuracies[i], 50 + 10 * (i % 3)));
        }
        return new RunResult(experiment, 1L, labeled, labeled / 60000.0, testAccuracies.length,
                testAccuracies[testAccuracies.length - 1], history, "00", config, null, null, 0);
    }

    @Test
    void oneRowPerRunFewestLabelsFirstWithTheFinalBestAndEarlyAccuracies() {
        double[] curve = {0.7689, 0.78, 0.8065, 0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.8960, 0.9903, 0.9892};
        String table = ReferenceTable.markdown(List.of(run("short", "salimans2016-pi-mnist/2", null, 6000, 0.95, 0.96),
                run("labels-100", "salimans2016-pi-mnist/1", 0.9999, 100, curve)));

        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().skip(2).findFirst().orElseThrow())
                .isEqualTo("| labels-100 | /1 | 100 | 0.9999 | 12 | 1 | **98.92 %** | 76.89 % / 80.65 % / 89.60 % | 99.03 % (11) | 60 |");
        // a run shorter than 10 epochs, made with the default decay (not recorded in its config)
        assertThat(table.lines().skip(3).findFirst().orElseThrow())
                .isEqualTo("| short | /2 | 6000 | 0.999 | 2 | 1 | **96.00 %** | 95.00 % / – / – | 96.00 % (2) | 55 |");
    }

    @Test
    void replacesOnlyTheMarkedSection() {
        String page = "# Reference\n\nintro\n\n" + ReferenceTable.BEGIN + "\nold table\n" + ReferenceTable.END + "\n\nafter\n";

        String updated = ReferenceTable.replaceTable(page, "| new |\n");

        assertThat(updated).isEqualTo("# Reference\n\nintro\n\n" + ReferenceTable.BEGIN + "\n| new |\n" + ReferenceTable.END
                + "\n\nafter\n");
        assertThat(ReferenceTable.replaceTable(updated, "| new |\n")).isEqualTo(updated);
    }

    @Test
    void aPageWithoutMarkersIsAnErrorNotAnAppend() {
        assertThatThrownBy(() -> ReferenceTable.replaceTable("# no table here\n", "| t |\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference-table");
    }
}
