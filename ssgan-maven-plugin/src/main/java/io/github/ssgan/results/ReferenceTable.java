package io.github.ssgan.results;

import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The reference page's table of runs, rendered from their result.json files so that the published numbers cannot
 * drift from the committed results. Also a command, used by {@code examples/reference/publish}:
 * {@code ReferenceTable <page.md> <run directory>...} replaces the lines between the two markers of the page.
 */
public final class ReferenceTable {
    static final String BEGIN = "<!-- reference-table: generated from the result.json files by examples/reference/publish -->";
    static final String END = "<!-- /reference-table -->";
    private static final int[] MILESTONES = {1, 3, 10};

    private ReferenceTable() {
    }

    /** One row per run, fewest labels first. */
    public static String markdown(List<RunResult> results) {
        StringBuilder sb = new StringBuilder("""
                | experiment | algorithm | labeled | averagingDecay | epochs | seed | test accuracy, final epoch | after 1 / 3 / 10 epochs | best (epoch) | s/epoch, median |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        List<RunResult> ordered = results.stream().sorted(Comparator.comparingInt(RunResult::labeledCount)
                .thenComparing(RunResult::experiment).thenComparingLong(RunResult::seed)).toList();
        for (RunResult r : ordered) {
            EpochMetrics best = r.history().stream()
                    .max(Comparator.comparingDouble(EpochMetrics::testAccuracy)).orElseThrow();
            String milestones = Arrays.stream(MILESTONES)
                    .mapToObj(e -> r.history().stream().filter(m -> m.epoch() == e).findFirst()
                            .map(m -> percent(m.testAccuracy())).orElse("–"))
                    .collect(Collectors.joining(" / "));
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %d | **%s** | %s | %s (%d) | %.0f |%n",
                    r.experiment(), version(r.config()), r.labeledCount(), RunSpec.averagingDecay(r.config()), r.epochs(), r.seed(), percent(r.testAccuracy()),
                    milestones, percent(best.testAccuracy()), best.epoch(), r.secondsPerEpoch()));
        }
        return sb.toString();
    }

    /** "/2" for salimans2016-pi-mnist/2: the family is the same on every row. */
    private static String version(java.util.Map<String, Object> config) {
        String id = String.valueOf(config == null ? null : config.get("algorithm"));
        return id.substring(id.lastIndexOf('/'));
    }

    private static String percent(double accuracy) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * accuracy);
    }

    /** The page with the lines between the markers replaced by the table. */
    public static String replaceTable(String page, String table) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the page has no '" + BEGIN + "' ... '" + END + "' section");
        }
        return page.substring(0, begin + BEGIN.length()) + "\n" + table + page.substring(end);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ReferenceTable <page.md> <run directory>...");
            System.exit(1);
        }
        List<RunResult> results = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            RunResult r = RunResult.read(Path.of(args[i]).resolve(RunDirectory.RESULT));
            if (r == null) {
                throw new IllegalArgumentException("no readable result.json in " + args[i]);
            }
            results.add(r);
        }
        Path page = Path.of(args[0]);
        AtomicFiles.writeString(page, replaceTable(Files.readString(page), markdown(results)));
    }
}
