package io.github.ssgan.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.results.Confusion;
import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.results.Provenance;
import io.github.ssgan.results.ReportAssets;
import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.Json;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.maven.doxia.sink.impl.Xhtml5BaseSink;
import org.apache.maven.reporting.MavenReportException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the report from fixture result files and checks its numbers against ones computed here by hand. */
class ResultsPageTest {
    @TempDir
    Path tmp;
    Path out;
    Path site;

    private static RunResult run(String experiment, long seed, int labeled, double... accuracyPerEpoch) {
        Map<String, Object> config = new TreeMap<>(Map.of("algorithm", "salimans2016-pi-mnist/2",
                "labeledFraction", labeled / 60000.0, "batchSize", 100, "trainLimit", 0, "testLimit", 0));
        List<EpochMetrics> history = new java.util.ArrayList<>();
        for (int e = 0; e < accuracyPerEpoch.length; e++) {
            history.add(new EpochMetrics(e + 1, 1.0 / (e + 1), 0.5, 2.0, 0.9, accuracyPerEpoch[e], 40.0));
        }
        return new RunResult(experiment, seed, labeled, labeled / 60000.0, accuracyPerEpoch.length,
                accuracyPerEpoch[accuracyPerEpoch.length - 1], history, "%064x".formatted(seed * 31 + labeled), config,
                new RunResult.DatasetRecord("MNIST", 60000, 10000, Map.of("train-images-idx3-ubyte", "ba891046")),
                new Provenance("0.1.0", "1.0.0-M2.1", "1.0.0-M2.1", "CpuBackend", "OpenBLAS", "Java 17", "Linux",
                        "AMD EPYC", 2, 2, Map.of()), 40.0 * accuracyPerEpoch.length);
    }

    private static RunResult baseline(RunResult r) {
        Map<String, Object> config = new TreeMap<>(r.config());
        config.put("objective", "supervised");
        return new RunResult(r.experiment(), r.seed(), r.labeledCount(), r.labeledFraction(), r.epochs(),
                r.testAccuracy(), r.history(), r.configHash(), config, r.dataset(), r.provenance(), r.durationSeconds());
    }

    private void write(RunResult r, boolean samples) throws Exception {
        RunDirectory dir = RunDirectory.of(out, r.experiment(), r.seed());
        r.write(dir.result());
        Files.writeString(dir.metrics(), "epoch,loss_labeled,loss_unlabeled,loss_generator,train_accuracy,test_accuracy,seconds\n");
        if (samples) {
            for (int epoch = 1; epoch <= r.epochs(); epoch++) {
                Files.createDirectories(dir.samples());
                ImageIO.write(new BufferedImage(29, 29, BufferedImage.TYPE_BYTE_GRAY), "png", dir.sample(epoch).toFile());
            }
        }
    }

    @BeforeEach
    void results() throws Exception {
        out = tmp.resolve("ssgan");
        site = tmp.resolve("site");
        write(run("labeled-10pct", 1, 6000, 0.95, 0.981), true);
        write(run("labeled-10pct", 2, 6000, 0.96, 0.984), true);
        write(run("labeled-10pct", 3, 6000, 0.94, 0.985), true);
        write(run("labeled-100pct", 1, 60000, 0.97, 0.992), true);
        write(run("labeled-100pct", 2, 60000, 0.97, 0.994), false);
        // supervised baselines of labeled-10pct, seeds 1 and 2
        RunResult b1 = baseline(run("labeled-10pct", 1, 6000, 0.90, 0.970));
        RunResult b2 = baseline(run("labeled-10pct", 2, 6000, 0.90, 0.974));
        b1.write(RunDirectory.of(out, "labeled-10pct", 1, true).result());
        b2.write(RunDirectory.of(out, "labeled-10pct", 2, true).result());
        long[][] counts = new long[10][10];
        for (int i = 0; i < 10; i++) {
            counts[i][i] = 90;
            counts[i][(i + 1) % 10] = 10;
        }
        new Confusion(counts).write(RunDirectory.of(out, "labeled-10pct", 1).confusion());
        new Confusion(counts).write(RunDirectory.of(out, "labeled-10pct", 2).confusion());
        // declared: seed 3 of labeled-100pct has not finished
        ExperimentSpec ten = new ExperimentSpec("labeled-10pct", 0.1, null, 2, List.of(1L, 2L, 3L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0);
        ExperimentSpec all = new ExperimentSpec("labeled-100pct", 1.0, null, 2, List.of(1L, 2L, 3L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0);
        Json.MAPPER.writeValue(RunDirectory.suiteFile(out).toFile(),
                new SuiteSpec(List.of(ten, all), 0, 0, 10, 2, out, false, false));
    }

    private String render(List<ResultsPage.ResultsComparison> comparisons) throws MavenReportException {
        return render(comparisons, null);
    }

    /** The page as ReportMojo renders it, with the ablation against this reference (null: none). */
    private String render(List<ResultsPage.ResultsComparison> comparisons, String ablationReference)
            throws MavenReportException {
        ResultsSet set = ResultsSet.read(List.of(out));
        ReportAssets assets = ReportAssets.write(site.resolve("ssgan"), set);
        StringWriter html = new StringWriter();
        new ResultsPage(new Xhtml5BaseSink(html), set, assets, comparisons, ReportMojo.ablation(set, ablationReference))
                .render("ssgan results");
        return decodeNumericEntities(html.toString());
    }

    /** The sink writes ±, – and − as numeric entities; the assertions read them as text. */
    private static String decodeNumericEntities(String html) {
        return Pattern.compile("&#x([0-9a-fA-F]+);").matcher(html)
                .replaceAll(m -> Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
    }

    @Test
    void aPageNameThatIsNotOneDirectoryFailsTheReportNamingIt() throws Exception {
        for (String bad : List.of("", "..", "a/b", "../site", "a b")) {
            assertThatThrownBy(() -> ReportMojo.checkPage(bad)).isInstanceOf(MavenReportException.class)
                    .hasMessageStartingWith("page: '" + bad + "' is not a directory name");
        }
        ReportMojo.checkPage("ablation");
        ReportMojo.checkPage(ReportMojo.DEFAULT_PAGE);
    }

    @Test
    void resultsWithoutBaselinesGetNoBaselineColumns() throws Exception {
        assertThat(render(List.of())).contains("supervised baseline, mean ± std").contains("GAN gain over it");

        for (long seed : List.of(1L, 2L)) {
            Files.delete(RunDirectory.of(out, "labeled-10pct", seed, true).result());
        }
        String html = render(List.of());

        assertThat(html).contains("test accuracy, mean ± std")
                .doesNotContain("supervised baseline, mean ± std").doesNotContain("GAN gain over it")
                .doesNotContain("The supervised baseline trains");
    }

    @Test
    void aDeclaredComparisonWithoutResultsIsListedAsPending() throws Exception {
        String html = render(List.of(new ResultsPage.ResultsComparison("labeled-100pct", "labeled-10pct"),
                new ResultsPage.ResultsComparison("labeled-10pct", "labels-100")));

        assertThat(html).contains("labeled-100pct − labeled-10pct</td>");
        assertThat(html).contains("Declared, not computed yet")
                .contains("labeled-10pct − labels-100: no finished run of labels-100");
    }

    @Test
    void tableHoldsTheNumbersOfTheResultFiles() throws Exception {
        String html = render(List.of(new ResultsPage.ResultsComparison("labeled-100pct", "labeled-10pct")));

        // 10 %: 98.1, 98.4, 98.5 → mean 98.333…, sample std 0.2082, t(0.975, 2) = 4.302653
        double mean = (0.981 + 0.984 + 0.985) / 3;
        double std = Math.sqrt((Math.pow(0.981 - mean, 2) + Math.pow(0.984 - mean, 2) + Math.pow(0.985 - mean, 2)) / 2);
        double half = 4.302653 * std / Math.sqrt(3);
        assertThat(html).contains(String.format(Locale.ROOT, "%.2f %% ± %.2f", 100 * mean, 100 * std));
        assertThat(html).contains(String.format(Locale.ROOT, "[%.2f, %.2f] %%", 100 * (mean - half), 100 * (mean + half)));
        assertThat(html).contains("98.10–98.50 %");
        assertThat(html).contains("3 / 3").contains("2 / 3"); // seeds finished / declared
        assertThat(html).contains("labeled-100pct: seed 3"); // missing run listed
        // 100 %: mean 99.30, both sides have ≥ 2 seeds, so the difference has an interval
        assertThat(html).contains("labeled-100pct − labeled-10pct")
                .contains(String.format(Locale.ROOT, "%+.2f pp", 100 * ((0.992 + 0.994) / 2 - mean)));
        // every run, with its final accuracy and its files
        for (String a : List.of("98.10 %", "98.40 %", "98.50 %", "99.20 %", "99.40 %")) {
            assertThat(html).contains("<td>" + a + "</td>");
        }
        assertThat(html).contains("runs/labeled-10pct/seed-2/result.json");
        // the supervised baseline (97.0, 97.4) and the gain over it, with Welch's interval
        double baseline = (0.970 + 0.974) / 2;
        assertThat(html).contains(String.format(Locale.ROOT, "%.2f %% ± %.2f", 100 * baseline,
                100 * Math.sqrt(2 * Math.pow(0.002, 2))));
        assertThat(html).contains(String.format(Locale.ROOT, "%+.2f pp", 100 * (mean - baseline)));
        assertThat(html).contains("labeled-10pct (supervised baseline)");
        // the confusion matrix summed over the two seeds that wrote one: 180 on the diagonal, 20 beside it
        assertThat(html).contains("labeled-10pct (2000 test predictions)");
        assertThat(html).contains("<td style=\"background-color: rgb(25, 25, 255); color: white\">180</td>");
        assertThat(html).contains("-Dssgan.experiments=labeled-10pct -Dssgan.seeds=3 -Dssgan.epochs=2 -Dssgan.threads=2");
        assertThat(html).contains("&lt;labeledFraction&gt;0.1&lt;/labeledFraction&gt;");
    }

    @Test
    void everyRunLinksItsCopiedResultFilesBaselinesIncluded() throws Exception {
        String html = render(List.of());
        for (String run : List.of("labeled-10pct/seed-1", "labeled-10pct/supervised-seed-1",
                "labeled-10pct/supervised-seed-2", "labeled-100pct/seed-2")) {
            String result = "runs/" + run + "/result.json";
            assertThat(html).contains("href=\"" + result + "\"");
            assertThat(site.resolve("ssgan").resolve(result)).isRegularFile();
        }
    }

    @Test
    void everyImageThePageReferencesExists() throws Exception {
        String html = render(List.of());
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            assertThat(site.resolve("ssgan").resolve(img.group(1))).isRegularFile();
            images++;
        }
        // accuracy chart, two loss charts, 10 %: first, middle, last sheet (epochs 1, 2 → two distinct), 100 %: 2
        assertThat(images).isEqualTo(1 + 2 + 2 + 2);
        assertThat(site.resolve("ssgan/accuracy.png")).isRegularFile();
    }

    @Test
    void noResultsGivesAPageThatSaysHowToProduceThem() throws Exception {
        out = tmp.resolve("empty");
        String html = render(List.of());
        assertThat(html).contains("No finished run").contains("mvn ssgan:train");
        // the page's directory exists for the sink to write into, though no asset was written
        assertThat(site.resolve("ssgan")).isDirectory();
        // an ablation reference does not fail a report of nothing: the page says how to train first
        assertThat(render(List.of(), "paper")).contains("No finished run").doesNotContain("Ablation");
    }

    @Test
    void anAblationReferenceAddsASectionWithEachExperimentAgainstIt() throws Exception {
        String html = render(List.of(), "labeled-10pct");

        String section = html.substring(html.indexOf(">Ablation<"), html.indexOf(">Runs<"));
        assertThat(section).contains("changes against labeled-10pct", "(the reference)");
        // labeled-100pct differs in the one hashed setting the fixture varies; its seed 3 is still missing
        assertThat(section).contains("<td>labeledFraction 1.0</td>").contains("<td>1, 2 (missing: 3)</td>")
                .contains("<td>1, 2, 3</td>");
        // 99.2, 99.4 against 98.1, 98.4, 98.5 at epoch 2: the difference with Welch's interval, by hand
        double ten = (0.981 + 0.984 + 0.985) / 3;
        double a = (Math.pow(0.981 - ten, 2) + Math.pow(0.984 - ten, 2) + Math.pow(0.985 - ten, 2)) / 2 / 3;
        double b = 2 * Math.pow(0.001, 2) / 1 / 2;
        double df = (a + b) * (a + b) / (a * a / 2 + b * b / 1);
        double half = new TDistribution(df).inverseCumulativeProbability(0.975) * Math.sqrt(a + b);
        double diff = 0.993 - ten;
        assertThat(section).contains(String.format(Locale.ROOT, "<td>%+.2f pp [%+.2f, %+.2f] pp</td>", 100 * diff,
                100 * (diff - half), 100 * (diff + half)));
        assertThat(section).contains("<td>2</td>").contains("<td>40.0 s</td>"); // the epoch compared; s/epoch
        // each row shows its last sample sheet small, beside the reference's, linking to the full size
        assertThat(section).contains("href=\"samples/labeled-100pct-seed-1-epoch-0002.png\"")
                .contains("width=\"90\" style=\"max-width: none\"");
        Matcher img = Pattern.compile("<img [^>]*src=\"([^\"]+)\"").matcher(section);
        int images = 0;
        while (img.find()) {
            assertThat(site.resolve("ssgan").resolve(img.group(1))).isRegularFile();
            images++;
        }
        assertThat(images).isEqualTo(1 + 2); // the reference's own row, then labeled-100pct beside it
    }

    @Test
    void anAblationReferenceReplacesTheDefaultComparisonsButNotDeclaredOnes() {
        ResultsSet set = ResultsSet.read(List.of(out));
        // without a reference: every experiment against the one with the most labels
        assertThat(ReportMojo.comparisons(null, false, set))
                .containsExactly(new ResultsPage.ResultsComparison("labeled-100pct", "labeled-10pct"));
        // with one, the Ablation section holds those differences: the default would repeat them
        assertThat(ReportMojo.comparisons(List.of(), true, set)).isEmpty();
        assertThat(ReportMojo.comparisons(List.of(new Comparison("labeled-10pct", "labeled-100pct")), true, set))
                .containsExactly(new ResultsPage.ResultsComparison("labeled-10pct", "labeled-100pct"));
    }

    @Test
    void anAblationRowWithoutRunsShowsNoSampleSheet() throws Exception {
        ExperimentSpec ten = new ExperimentSpec("labeled-10pct", 0.1, null, 2, List.of(1L, 2L, 3L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0);
        ExperimentSpec untrained = new ExperimentSpec("label-smoothing", 0.1, null, 2, List.of(1L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0);
        Json.MAPPER.writeValue(RunDirectory.suiteFile(out).toFile(),
                new SuiteSpec(List.of(ten, untrained), 0, 0, 10, 2, out, false, false));

        String html = render(List.of(), "labeled-10pct");

        String section = html.substring(html.indexOf(">Ablation<"), html.indexOf(">Runs<"));
        String row = section.substring(section.indexOf("<td>label-smoothing</td>"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("none (missing: 1)").doesNotContain("<img");
    }

    @Test
    void anAblationReferenceThatIsNoExperimentFailsNamingTheParameterAndTheIds() {
        ResultsSet set = ResultsSet.read(List.of(out));
        assertThatThrownBy(() -> ReportMojo.ablation(set, "labeled-50pct"))
                .isInstanceOf(MavenReportException.class)
                .hasMessageContaining("ablationReference")
                .hasMessageContaining("'labeled-50pct'")
                .hasMessageContaining("labeled-10pct, labeled-100pct");
    }

    @Test
    void aCorruptResultFailsNamingTheFile() throws Exception {
        Path bad = RunDirectory.of(out, "labeled-10pct", 2).result();
        Files.writeString(bad, "{ truncated");
        assertThatThrownBy(() -> ResultsSet.read(List.of(out))).hasMessageContaining(bad.toString());
    }
}
