package io.github.ssgan.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssgan.results.ResultsSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML parsed back and the Markdown read, from one gate over fixture results with passes and failures. */
class RenderersTest {
    @TempDir
    Path tmp;
    GateResult result;

    @BeforeEach
    void evaluate() {
        Fixtures now = new Fixtures(tmp.resolve("ssgan"))
                .gan("labeled-10pct", 6000, 0.98, 0.99, 0.97)
                .supervised("labeled-10pct", 6000, 0.95, 0.96, 0.94)
                .gan("labeled-100pct", 60000, 0.99, 0.995, 0.985);
        Fixtures release = new Fixtures(tmp.resolve("release")).gan("labeled-10pct", 6000, 0.981, 0.985, 0.983);
        Gate gate = new Gate(List.of(
                RuleSpec.minimumAccuracy(1, "labeled-10pct", 0.975),
                new RuleSpec(2, "labeled-100pct", null, null, "labeled-10pct", 0.005, null, null, null, null),
                new RuleSpec(3, "labeled-10pct", null, null, null, null, 0.01, null, null, 0.95),
                RuleSpec.baseline(4, "g:release:1.0", 0.002)), null);
        result = gate.evaluate(ResultsSet.read(List.of(now.out())),
                Map.of("g:release:1.0", ResultsSet.read(List.of(release.out()))));
    }

    @Test
    void junitXmlIsSurefiresFormatWithOneTestCasePerVerdict() throws Exception {
        CheckFiles.Written files = CheckFiles.write(result, tmp.resolve("ssgan-check"));
        assertThat(files.junitXml()).hasFileName("TEST-ssgan-check.xml");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(files.junitXml().toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("ssgan.check");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2"); // the gap and the regression
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("classname")).isEqualTo("ssgan.check.labeled-10pct");
        assertThat(first.getAttribute("name")).isEqualTo("rule 1: mean accuracy >= 97.50 %");
        assertThat(first.getAttribute("time")).isEqualTo("0");
        assertThat(first.getElementsByTagName("failure").getLength()).isZero();
        assertThat(first.getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("PASS rule 1, labeled-10pct, minimumAccuracy: mean accuracy 98.00 % >= 97.50 %");
        Element gap = (Element) cases.item(1);
        assertThat(gap.getAttribute("classname")).isEqualTo("ssgan.check.labeled-100pct");
        Element failure = (Element) gap.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("ssgan.check");
        assertThat(failure.getAttribute("message")).isEqualTo("rule 2, labeled-100pct, maximumGap: mean gap to "
                + "labeled-10pct +1.00 pp (99.00 % vs 98.00 %) > +0.50 pp");
        assertThat(((Element) cases.item(3)).getAttribute("name"))
                .isEqualTo("rule 4: change vs g:release:1.0 >= -0.20 pp");
    }

    @Test
    void markdownOfResultsWithoutSupervisedBaselinesHasNoColumnsForThem() {
        Fixtures ablation = new Fixtures(tmp.resolve("ablation")).gan("paper", 100, 0.987, 0.986, 0.988);
        GateResult noBaselines = new Gate(List.of(RuleSpec.minimumAccuracy(1, "paper", 0.98)), null)
                .evaluate(ResultsSet.read(List.of(ablation.out())), Map.of());

        String md = MarkdownSummary.render(noBaselines);

        assertThat(md).contains("| experiment | labeled | seeds finished / declared | test accuracy, mean ± std | 95 % interval |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n| paper | 100 (0.17 %) | 3 / 3 | 98.70 % ± 0.10 |")
                .doesNotContain("supervised baseline");
    }

    @Test
    void markdownHasTheExperimentsTheRulesAndTheChangesVsTheBaseline() {
        String md = MarkdownSummary.render(result);

        assertThat(md).startsWith("## ssgan check: FAILED\n\n2 of 4 checks passed, 2 failed.\n");
        // experiments: labeled, seeds, mean ± std, 95 % interval (t(0.975, 2) = 4.302653; cut at 100 %), baseline, gain
        double half = 4.302653 * 0.01 / Math.sqrt(3);
        assertThat(md).contains("| labeled-10pct | 6000 (10.00 %) | 3 / 3 | 98.00 % ± 1.00 | "
                + String.format(Locale.ROOT, "[%.2f, %.2f] %%", 98 - 100 * half, Math.min(100, 98 + 100 * half))
                + " | 95.00 % ± 1.00 | +3.00 pp [");
        assertThat(md).contains("| labeled-100pct | 60000 (100.00 %) | 3 / 3 | 99.00 % ± 0.50 |");
        // rules: description, experiment, value, bound, limit, verdict
        assertThat(md).contains("| rule 1: mean accuracy >= 97.50 % | labeled-10pct | 98.00 % | – | >= 97.50 % | ✅ pass |");
        assertThat(md).contains("| rule 2: mean gap to labeled-10pct <= +0.50 pp | labeled-100pct | +1.00 pp | – | "
                + "<= +0.50 pp | ❌ **FAIL** |");
        // the gain's bound: 3 − 2.131847 · √(2 · 0.01² / 3) = 1.26 pp
        assertThat(md).contains("| rule 3: gain over supervised >= +1.00 pp at 95 % confidence | labeled-10pct | "
                + "+3.00 pp | +1.26 pp (95 %) | >= +1.00 pp | ✅ pass |");
        assertThat(md).contains("### Change vs baseline g:release:1.0");
        assertThat(md).contains("| labeled-10pct | 98.30 % ± 0.20 | 98.00 % ± 1.00 | -0.30 pp | [");
        assertThat(md).contains("| 0.20 pp | ❌ **FAIL** |");
    }

    @Test
    void theJobSummaryIsAppendedNotReplaced() throws Exception {
        Path summary = tmp.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");

        CheckFiles.appendToJobSummary(result, summary);

        assertThat(Files.readString(summary)).startsWith("earlier step\n## ssgan check: FAILED");
    }
}
