package io.github.ssgan.results;

import java.util.Locale;
import java.util.stream.Collectors;

/** The accuracy table of the Maven log: one row per experiment of the results model, formatted, nothing computed. */
public final class SummaryReport {
    private SummaryReport() {
    }

    private static String seeds(ResultsSet.ExperimentResults e) {
        return e.seeds().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static String table(ResultsSet results) {
        int idWidth = Math.max(10, results.experiments().stream().mapToInt(r -> r.experiment().length()).max().orElse(0));
        String format = "%-" + idWidth + "s  %8s  %6s  %-12s  %-28s  %s";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, format, "experiment", "labeled", "epochs", "seeds",
                "test accuracy (mean ± std)", "supervised baseline"));
        for (ResultsSet.ExperimentResults e : results.experiments()) {
            sb.append('\n').append(String.format(Locale.ROOT, format, e.experiment(), e.labeledCount(), e.epochs(),
                    seeds(e), Format.meanStd(e.accuracy()), Format.meanStd(e.baseline())).stripTrailing());
        }
        return sb.toString();
    }
}
