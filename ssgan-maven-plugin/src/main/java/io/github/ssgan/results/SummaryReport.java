package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The accuracy table (experiment, labeled count, seeds, test accuracy mean ± std) as log text and as an HTML page. */
public final class SummaryReport {
    private SummaryReport() {
    }

    public static String formatAccuracy(Statistics accuracy) {
        return String.format(Locale.ROOT, "%.2f%% ± %.2f", 100 * accuracy.mean(), 100 * accuracy.std());
    }

    private static String seeds(ResultsSet.ExperimentResults e, String separator) {
        return e.seeds().stream().map(String::valueOf).collect(Collectors.joining(separator));
    }

    public static String table(ResultsSet results) {
        int idWidth = Math.max(10, results.experiments().stream().mapToInt(r -> r.experiment().length()).max().orElse(0));
        String format = "%-" + idWidth + "s  %8s  %6s  %-12s  %s";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, format, "experiment", "labeled", "epochs", "seeds", "test accuracy (mean ± std)"));
        for (ResultsSet.ExperimentResults e : results.experiments()) {
            sb.append('\n').append(String.format(Locale.ROOT, format, e.experiment(), e.labeledCount(), e.epochs(),
                    seeds(e, ","), formatAccuracy(e.accuracy())));
        }
        return sb.toString();
    }

    /**
     * Writes {@code <site>/ssgan/index.html} with the table and each run's latest sample sheet, copied beside it,
     * so {@code mvn ssgan:train} alone leaves a page to look at.
     */
    public static Path writeSite(Path siteDirectory, Path outputDirectory, ResultsSet results) {
        Path dir = siteDirectory.resolve("ssgan");
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>ssgan results</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#eee}
                figure{display:inline-block;margin:1em}</style></head><body>
                <h1>Semi-supervised GAN on MNIST</h1>
                <p>Test accuracy of the final epoch, mean ± standard deviation over seeds.</p>
                <table><tr><th>experiment</th><th>labeled</th><th>epochs</th><th>seeds</th><th>test accuracy</th></tr>
                """);
        for (ResultsSet.ExperimentResults e : results.experiments()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%s</td><td>%s</td></tr>%n",
                    escape(e.experiment()), e.labeledCount(), e.epochs(), seeds(e, ", "), formatAccuracy(e.accuracy())));
        }
        html.append("</table>\n");
        Map<String, List<EpochMetrics>> curves = new LinkedHashMap<>();
        results.runs().forEach(r -> curves.put(r.experiment() + " seed " + r.seed(), r.history()));
        LearningCurves.write(dir.resolve("learning-curves.png"), curves);
        html.append("<h2>Learning curves</h2>\n<img src=\"learning-curves.png\" alt=\"test accuracy per epoch\" width=\"720\">\n");
        html.append("<h2>Generated samples (final epoch, fixed noise)</h2>\n");
        for (RunResult r : results.runs()) {
            String name = r.experiment() + "-seed-" + r.seed() + ".png";
            Path sample = RunDirectory.of(outputDirectory, r.experiment(), r.seed()).sample(r.epochs());
            if (Files.isRegularFile(sample)) {
                try {
                    AtomicFiles.write(dir.resolve(name), Files.readAllBytes(sample));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                html.append(String.format(Locale.ROOT,
                        "<figure><img src=\"%s\" alt=\"samples of %s\" width=\"282\"><figcaption>%s, seed %d, epoch %d: %.2f%%</figcaption></figure>%n",
                        escape(name), escape(r.experiment()), escape(r.experiment()), r.seed(), r.epochs(), 100 * r.testAccuracy()));
            }
        }
        html.append("</body></html>\n");
        Path page = dir.resolve("index.html");
        AtomicFiles.writeString(page, html.toString());
        return page;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
