package io.github.ssgan.maven;

import io.github.ssgan.results.Ablation;
import io.github.ssgan.results.Format;
import io.github.ssgan.results.Provenance;
import io.github.ssgan.results.ReportAssets;
import io.github.ssgan.results.Reproduction;
import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.results.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.doxia.sink.SinkEventAttributes;
import org.apache.maven.doxia.sink.impl.SinkEventAttributeSet;

/**
 * The results page, written through a Doxia {@link Sink} so that it renders inside {@code mvn site} and on its own.
 * A visitor over the {@link ResultsSet}: it formats with {@link Format} and computes nothing.
 */
final class ResultsPage {
    /** The level of the intervals on the page. */
    static final double LEVEL = 0.95;
    /** Width in pixels of the sample sheets in the ablation table: two per row beside the numbers (full size: 291). */
    private static final String THUMBNAIL_WIDTH = "90";

    private final Sink sink;
    private final ResultsSet results;
    private final ReportAssets assets;
    private final List<ResultsComparison> comparisons;
    private final Ablation ablation;

    /** One declared comparison: experiment minus comparedTo. */
    record ResultsComparison(String experiment, String comparedTo) {
    }

    /** @param ablation the ablation section's model; null for a page without one */
    ResultsPage(Sink sink, ResultsSet results, ReportAssets assets, List<ResultsComparison> comparisons,
                Ablation ablation) {
        this.sink = sink;
        this.results = results;
        this.assets = assets;
        this.comparisons = comparisons;
        this.ablation = ablation;
    }

    void render(String title) {
        sink.head();
        sink.title();
        sink.text(title);
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text(title);
        sink.sectionTitle1_();
        paragraph("Semi-supervised GAN of Salimans et al. 2016 on MNIST: the test accuracy of each run's final epoch "
                + "(never the best epoch), mean ± standard deviation over seeds, with the " + percent(LEVEL)
                + " confidence interval of the mean (Student's t, cut at 100 %; – with a single seed).");
        if (results.isEmpty()) {
            noResults();
        } else {
            summary();
            missing();
            comparisons();
            ablation();
            runs();
            curves();
            samples();
            confusion();
            provenance();
            reproduce();
        }
        problems();
        sink.section1_();
        sink.body_();
        sink.flush();
        sink.close();
    }

    private void noResults() {
        paragraph("No finished run was found in the result directories. Train first, then report:");
        verbatim("mvn ssgan:train\nmvn ssgan:report      # or: mvn site");
        missing();
    }

    private void summary() {
        section2("Summary");
        // results trained without baselines (an ablation) get no columns of dashes for them
        boolean baselines = results.hasBaselines();
        List<String> headers = new ArrayList<>(List.of("experiment", "labeled", "labeled fraction",
                "seeds finished / declared", "epochs", "test accuracy, mean ± std", percent(LEVEL) + " interval",
                "min–max"));
        if (baselines) {
            headers.addAll(List.of("supervised baseline, mean ± std", "GAN gain over it",
                    percent(LEVEL) + " interval of the gain"));
        }
        table(headers.toArray(String[]::new));
        for (ResultsSet.ExperimentResults e : results.experiments()) {
            Statistics a = e.accuracy();
            int declared = e.declaredSeeds().isEmpty() ? e.runs().size() : e.declaredSeeds().size();
            List<String> cells = new ArrayList<>(List.of(e.experiment(),
                    e.runs().isEmpty() ? "–" : String.valueOf(e.labeledCount()),
                    e.runs().isEmpty() ? "–" : Format.percent(e.labeledFraction()),
                    e.runs().size() + " / " + declared, e.runs().isEmpty() ? "–" : String.valueOf(e.epochs()),
                    Format.meanStd(a), Format.interval(a.mean(), a.halfWidth(LEVEL)), Format.range(a)));
            if (baselines) {
                Statistics.Difference gain = e.gainOverSupervised(LEVEL);
                boolean hasGain = a.count() > 0 && e.baseline().count() > 0;
                cells.addAll(List.of(Format.meanStd(e.baseline()), hasGain ? Format.signedPoints(gain.value()) : "–",
                        hasGain ? Format.differenceInterval(gain) : "–"));
            }
            row(cells.toArray(String[]::new));
        }
        table_();
        if (baselines) {
            paragraph("The supervised baseline trains the same discriminator on the same labeled images, seeds, noise, "
                    + "optimizer and number of iterations, on the labeled loss alone: the gain is what the GAN's "
                    + "unlabeled and generated data add.");
        }
        section2_();
    }

    private void missing() {
        List<ResultsSet.ExperimentResults> incomplete = results.experiments().stream()
                .filter(e -> !e.missingSeeds().isEmpty()).toList();
        if (incomplete.isEmpty()) {
            return;
        }
        section2("Missing runs");
        paragraph("Declared in the last train invocation but without a result here: still training, or trained on a "
                + "machine whose result directory was not given to the report (resultDirectories).");
        sink.list();
        for (ResultsSet.ExperimentResults e : incomplete) {
            sink.listItem();
            sink.text(e.experiment() + ": seed " + join(e.missingSeeds()));
            sink.listItem_();
        }
        sink.list_();
        section2_();
    }

    private void comparisons() {
        if (comparisons.isEmpty()) {
            return;
        }
        List<ResultsComparison> present = comparisons.stream()
                .filter(c -> has(c.experiment()) && has(c.comparedTo())).toList();
        section2("Comparisons");
        if (!present.isEmpty()) {
            paragraph("Difference of the mean test accuracies in percentage points, with its " + percent(LEVEL)
                    + " interval (Welch's t; – unless both sides have at least two seeds), taken at the last epoch every "
                    + "run of both experiments reached: experiments trained for different numbers of epochs are compared "
                    + "at the same point of training.");
            table(new String[] {"comparison", "epoch", "difference", percent(LEVEL) + " interval"});
            for (ResultsComparison c : present) {
                ResultsSet.EpochDifference d = results.experiment(c.experiment())
                        .minus(results.experiment(c.comparedTo()), LEVEL);
                row(c.experiment() + " − " + c.comparedTo(), String.valueOf(d.epoch()),
                        Format.signedPoints(d.difference().value()), Format.differenceInterval(d.difference()));
            }
            table_();
        }
        // a declared comparison is never dropped in silence: the reader learns which side it waits for
        List<ResultsComparison> pending = comparisons.stream().filter(c -> !present.contains(c)).toList();
        if (!pending.isEmpty()) {
            paragraph("Declared, not computed yet (a side has no finished run):");
            sink.list();
            for (ResultsComparison c : pending) {
                sink.listItem();
                sink.text(c.experiment() + " − " + c.comparedTo() + ": no finished run of "
                        + String.join(" nor of ", Stream.of(c.experiment(), c.comparedTo())
                                .filter(id -> !has(id)).toList()));
                sink.listItem_();
            }
            sink.list_();
        }
        section2_();
    }

    private void ablation() {
        if (ablation == null) {
            return;
        }
        String reference = ablation.reference();
        section2("Ablation");
        paragraph("Each experiment against the reference " + reference + ": the hashed settings in which it differs "
                + "from it (as its result files record them), its test accuracy over seeds, and its mean minus the "
                + "reference's with the " + percent(LEVEL) + " interval of the difference (Welch's t; – unless both "
                + "have at least two seeds). Both are taken at the epoch of the row: the last that every finished run of "
                + "the experiment and of the reference reached. Declared seeds without a result are listed as missing. "
                + "The sample sheets are the last of each experiment's first seed, the reference's beside it.");
        // the difference and its interval share a cell, so that the table and its sample sheets fit a page's width
        table(new String[] {"experiment", "changes against " + reference, "epoch", "seeds",
                "test accuracy, mean ± std", percent(LEVEL) + " interval",
                "difference (" + percent(LEVEL) + " interval)", "s/epoch (median)", "samples (experiment, reference)"});
        ablationRow(ablation.referenceRow(), true);
        ablation.rows().forEach(r -> ablationRow(r, false));
        table_();
        section2_();
    }

    private void ablationRow(Ablation.Row r, boolean isReference) {
        sink.tableRow();
        cell(r.experiment());
        cell(isReference ? "(the reference)" : !r.comparable() ? "–" : r.changes().isEmpty() ? "none"
                : r.changes().stream().map(Ablation.Change::text).collect(Collectors.joining(", ")));
        cell(r.epoch() == 0 ? "–" : String.valueOf(r.epoch()));
        cell(seeds(r.seeds(), r.missingSeeds()));
        Statistics a = r.accuracy();
        cell(Format.meanStd(a));
        cell(Format.interval(a.mean(), a.halfWidth(LEVEL)));
        boolean compared = !isReference && r.comparable();
        Statistics.Difference d = r.difference(LEVEL);
        cell(compared ? Format.signedPoints(d.value()) + " " + Format.differenceInterval(d) : "–");
        cell(Format.seconds(r.secondsPerEpoch()));
        SinkEventAttributes sideBySide = new SinkEventAttributeSet();
        sideBySide.addAttribute(SinkEventAttributes.STYLE, "white-space: nowrap"); // a narrow column would stack them
        sink.tableCell(sideBySide);
        // the reference's sheet only beside one of the experiment's: alone in a row it would read as the experiment's
        if (thumbnail(r.experiment()) && !isReference) {
            sink.text(" ");
            thumbnail(ablation.reference());
        }
        sink.tableCell_();
        sink.tableRow_();
    }

    /** "1, 2, 3", or "1, 2 (missing: 3)" while a declared seed has no result. */
    private static String seeds(List<Long> finished, List<Long> missing) {
        String done = finished.isEmpty() ? "none" : join(finished);
        return missing.isEmpty() ? done : done + " (missing: " + join(missing) + ")";
    }

    private static String join(List<Long> seeds) {
        return seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The experiment's last sample sheet, small, linking to the full-size image; false if it has none. */
    private boolean thumbnail(String experiment) {
        List<ReportAssets.Sample> sheets = assets.samples().getOrDefault(experiment, List.of());
        if (sheets.isEmpty()) {
            return false;
        }
        ReportAssets.Sample last = sheets.get(sheets.size() - 1);
        String caption = experiment + ", seed " + last.seed() + ", epoch " + last.epoch();
        SinkEventAttributes attributes = new SinkEventAttributeSet();
        attributes.addAttribute(SinkEventAttributes.ALT, caption);
        attributes.addAttribute(SinkEventAttributes.TITLE, caption);
        attributes.addAttribute(SinkEventAttributes.WIDTH, THUMBNAIL_WIDTH);
        // the site skin caps images at their cell's width, so a cell would not widen for them and the reference's
        // sheet would stick out of the table on a 1280-pixel screen
        attributes.addAttribute(SinkEventAttributes.STYLE, "max-width: none");
        sink.link(last.path());
        sink.figureGraphics(last.path(), attributes);
        sink.link_();
        return true;
    }

    private boolean has(String experiment) {
        ResultsSet.ExperimentResults e = results.experiment(experiment);
        return e != null && !e.runs().isEmpty();
    }

    private void runs() {
        section2("Runs");
        table(new String[] {"experiment", "seed", "test accuracy", "epochs", "s/epoch (median)", "duration", "algorithm",
                "configHash", "files"});
        for (RunResult r : allRuns()) {
            sink.tableRow();
            cell(r.experiment() + (r.isSupervisedBaseline() ? " (supervised baseline)" : ""));
            cell(String.valueOf(r.seed()));
            cell(Format.percent(r.testAccuracy()));
            cell(String.valueOf(r.epochs()));
            cell(Format.seconds(r.secondsPerEpoch()));
            cell(Format.duration(r.durationSeconds()));
            cell(String.valueOf(r.config() == null ? "–" : r.config().get("algorithm")));
            cell(Format.shortHash(r.configHash()));
            sink.tableCell();
            ReportAssets.RunFiles files = assets.runFiles().get(ReportAssets.key(r));
            if (files != null && files.result() != null) {
                link(files.result(), "result.json");
            }
            if (files != null && files.metrics() != null) {
                sink.text(" ");
                link(files.metrics(), "metrics.csv");
            }
            sink.tableCell_();
            sink.tableRow_();
        }
        table_();
        section2_();
    }

    private void curves() {
        section2("Learning curves");
        paragraph("Each line is the mean over seeds, its band the min–max over seeds.");
        figure(assets.accuracyChart(), "Test accuracy per epoch, every experiment");
        for (Map.Entry<String, String> loss : assets.lossCharts().entrySet()) {
            section3("Losses of " + loss.getKey());
            figure(loss.getValue(), "Losses per epoch of " + loss.getKey());
            section3_();
        }
        section2_();
    }

    private void samples() {
        section2("Generated samples");
        paragraph("100 digits from one fixed noise batch, so that the sheets of one run are comparable across epochs.");
        assets.samples().forEach((experiment, sheets) -> {
            if (sheets.isEmpty()) {
                return;
            }
            section3(experiment + ", seed " + sheets.get(0).seed());
            for (ReportAssets.Sample s : sheets) {
                figure(s.path(), experiment + ", epoch " + s.epoch());
            }
            section3_();
        });
        section2_();
    }

    private List<RunResult> allRuns() {
        return results.experiments().stream()
                .flatMap(e -> java.util.stream.Stream.concat(e.runs().stream(), e.baselineRuns().stream())).toList();
    }

    private void confusion() {
        List<ResultsSet.ExperimentResults> with = results.experiments().stream().filter(e -> e.confusion() != null).toList();
        if (with.isEmpty()) {
            return;
        }
        section2("Confusion matrices");
        paragraph("Test images of each label (rows) by the class the final classifier predicts (columns), summed over "
                + "the seeds; the shade is the share of the row.");
        for (ResultsSet.ExperimentResults e : with) {
            section3(e.experiment() + " (" + e.confusion().total() + " test predictions)");
            io.github.ssgan.results.Confusion c = e.confusion();
            String[] headers = new String[c.classes() + 1];
            headers[0] = "label \\ predicted";
            for (int j = 0; j < c.classes(); j++) {
                headers[j + 1] = String.valueOf(j);
            }
            table(headers);
            for (int i = 0; i < c.classes(); i++) {
                sink.tableRow();
                sink.tableHeaderCell();
                sink.text(String.valueOf(i));
                sink.tableHeaderCell_();
                for (int j = 0; j < c.classes(); j++) {
                    SinkEventAttributes shade = new SinkEventAttributeSet();
                    shade.addAttribute(SinkEventAttributes.STYLE, Format.shade(c.rate(i, j)));
                    sink.tableCell(shade);
                    sink.text(String.valueOf(c.counts()[i][j]));
                    sink.tableCell_();
                }
                sink.tableRow_();
            }
            table_();
            section3_();
        }
        section2_();
    }

    private void provenance() {
        section2("Provenance");
        table(new String[] {"run", "plugin", "DL4J / ND4J", "backend / BLAS", "threads / cores", "CPU", "Java", "OS"});
        for (RunResult r : allRuns()) {
            Provenance p = r.provenance();
            if (p == null) {
                row(runName(r), "–", "–", "–", "–", "–", "–", "–");
            } else {
                row(runName(r), p.plugin(), p.dl4j() + " / " + p.nd4j(),
                        p.backend() + " / " + p.blas(), p.threads() + " / " + p.cores(), p.cpu(), p.java(), p.os());
            }
        }
        table_();
        section3("Dataset");
        RunResult any = results.runs().get(0);
        table(new String[] {"file", "SHA-256"});
        if (any.dataset() != null && any.dataset().sha256() != null) {
            new java.util.TreeMap<>(any.dataset().sha256()).forEach((file, sha) -> row(file, sha));
        }
        table_();
        section3_();
        section2_();
    }

    private void reproduce() {
        section2("Reproduce");
        paragraph("Each run is repeated to the same digits on a machine of the same CPU family by declaring its "
                + "experiment in the plugin's configuration and running the command.");
        for (RunResult r : results.runs()) {
            section3(r.experiment() + ", seed " + r.seed() + " (configHash " + Format.shortHash(r.configHash()) + ")");
            verbatim(Reproduction.pomFragment(r));
            verbatim(Reproduction.commandLine(r));
            section3_();
        }
        section2_();
    }

    private void problems() {
        if (results.problems().isEmpty()) {
            return;
        }
        section2("Problems");
        sink.list();
        for (String p : results.problems()) {
            sink.listItem();
            sink.text(p);
            sink.listItem_();
        }
        sink.list_();
        section2_();
    }

    private static String runName(RunResult r) {
        return r.experiment() + (r.isSupervisedBaseline() ? "/supervised-seed-" : "/seed-") + r.seed();
    }

    private static String percent(double level) {
        return Math.round(100 * level) + " %";
    }

    private void section2(String title) {
        sink.section2();
        sink.sectionTitle2();
        sink.text(title);
        sink.sectionTitle2_();
    }

    private void section2_() {
        sink.section2_();
    }

    private void section3(String title) {
        sink.section3();
        sink.sectionTitle3();
        sink.text(title);
        sink.sectionTitle3_();
    }

    private void section3_() {
        sink.section3_();
    }

    private void paragraph(String text) {
        sink.paragraph();
        sink.text(text);
        sink.paragraph_();
    }

    private void verbatim(String text) {
        sink.verbatim();
        sink.text(text);
        sink.verbatim_();
    }

    private void link(String href, String text) {
        sink.link(href);
        sink.text(text);
        sink.link_();
    }

    private void figure(String src, String caption) {
        if (src == null) {
            return;
        }
        SinkEventAttributes alt = new SinkEventAttributeSet();
        alt.addAttribute(SinkEventAttributes.ALT, caption);
        sink.figure();
        sink.figureGraphics(src, alt);
        sink.figureCaption();
        sink.text(caption);
        sink.figureCaption_();
        sink.figure_();
    }

    private void table(String[] headers) {
        sink.table();
        sink.tableRows(null, false);
        sink.tableRow();
        for (String h : headers) {
            sink.tableHeaderCell();
            sink.text(h);
            sink.tableHeaderCell_();
        }
        sink.tableRow_();
    }

    private void table_() {
        sink.tableRows_();
        sink.table_();
    }

    private void row(String... cells) {
        sink.tableRow();
        for (String c : cells) {
            cell(c);
        }
        sink.tableRow_();
    }

    private void cell(String text) {
        sink.tableCell();
        sink.text(text);
        sink.tableCell_();
    }
}
