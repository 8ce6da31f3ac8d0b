package io.github.ssgan.check;

import io.github.ssgan.results.Format;
import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.ResultsSet.ExperimentResults;
import io.github.ssgan.results.Statistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Markdown renderer: a summary a CI job posts (GitHub's job summary, a merge-request comment). The experiments
 * with their statistics over seeds, every verdict with its value, bound and limit, and per baseline the change of
 * each experiment. It formats the results model's numbers with {@link Format} and computes none.
 */
public final class MarkdownSummary {
    /** The level of the intervals in the experiments table, as on the report page. */
    public static final double LEVEL = 0.95;
    public static final String FILE_NAME = "summary.md";

    private MarkdownSummary() {
    }

    public static String render(GateResult result) {
        StringBuilder md = new StringBuilder();
        int failed = result.failures().size();
        md.append("## ssgan check: ").append(failed == 0 ? "passed" : "FAILED").append("\n\n");
        md.append(result.verdicts().size() - failed).append(" of ").append(result.verdicts().size())
                .append(" checks passed").append(failed == 0 ? "." : ", " + failed + " failed.").append("\n\n");
        experiments(md, result.results());
        rules(md, result.verdicts());
        regressions(md, result.verdicts());
        if (!result.results().problems().isEmpty()) {
            md.append("### Problems\n\n");
            result.results().problems().forEach(p -> md.append("- ").append(p).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private static void experiments(StringBuilder md, ResultsSet results) {
        md.append("### Experiments\n\n");
        String level = Format.level(LEVEL);
        // as on the report page: results trained without baselines get no columns of dashes for them
        boolean baselines = results.hasBaselines();
        List<String> headers = new ArrayList<>(List.of("experiment", "labeled", "seeds finished / declared",
                "test accuracy, mean ± std", level + " interval"));
        if (baselines) {
            headers.addAll(List.of("supervised baseline, mean ± std", "gain over supervised (" + level + " interval)"));
        }
        row(md, headers.toArray(String[]::new));
        List<String> alignment = new ArrayList<>(List.of("---"));
        headers.stream().skip(1).forEach(h -> alignment.add("---:"));
        row(md, alignment.toArray(String[]::new));
        for (ExperimentResults e : results.experiments()) {
            Statistics a = e.accuracy();
            int declared = e.declaredSeeds().isEmpty() ? e.runs().size() : e.declaredSeeds().size();
            List<String> cells = new ArrayList<>(List.of(e.experiment(),
                    e.runs().isEmpty() ? "–" : e.labeledCount() + " (" + Format.percent(e.labeledFraction()) + ")",
                    e.runs().size() + " / " + declared, Format.meanStd(a), Format.interval(a.mean(), a.halfWidth(LEVEL))));
            if (baselines) {
                boolean hasGain = a.count() > 0 && e.baseline().count() > 0;
                Statistics.Difference gain = e.gainOverSupervised(LEVEL);
                cells.add(Format.meanStd(e.baseline()));
                cells.add(hasGain ? Format.signedPoints(gain.value()) + " " + Format.differenceInterval(gain) : "–");
            }
            row(md, cells.toArray(String[]::new));
        }
        md.append('\n');
    }

    private static void rules(StringBuilder md, List<Verdict> verdicts) {
        md.append("### Rules\n\n");
        row(md, "rule", "experiment", "value", "bound", "limit", "verdict");
        row(md, "---", "---", "---:", "---:", "---:", "---");
        for (Verdict v : verdicts) {
            Verdict.Quantity q = v.kind().quantity();
            String bound = !v.hasConfidence() ? "–"
                    : v.fellBackToPointValue() ? "– (one seed: value compared)"
                    : Double.isNaN(v.bound()) ? "–" : q.format(v.bound()) + " (" + Format.level(v.confidence()) + ")";
            row(md, v.description(), v.experiment(), q.format(v.value()), bound, v.limitText(),
                    v.passed() ? "✅ pass" : "❌ **FAIL**" + (v.problem() == null ? "" : ": " + v.problem()));
        }
        md.append('\n');
    }

    private static void regressions(StringBuilder md, List<Verdict> verdicts) {
        Map<String, List<Verdict>> byBaseline = new LinkedHashMap<>();
        verdicts.stream().filter(v -> v.kind() == Verdict.Kind.NO_REGRESSION)
                .forEach(v -> byBaseline.computeIfAbsent(v.reference(), k -> new java.util.ArrayList<>()).add(v));
        byBaseline.forEach((baseline, list) -> {
            md.append("### Change vs baseline ").append(baseline).append("\n\n");
            String level = Format.level(LEVEL);
            row(md, "experiment", "baseline, mean ± std", "now, mean ± std", "change", level + " interval",
                    "tolerance", "verdict");
            row(md, "---", "---:", "---:", "---:", "---:", "---:", "---");
            for (Verdict v : list) {
                boolean both = v.subject().count() > 0 && v.compared().count() > 0;
                row(md, v.experiment(), Format.meanStd(v.compared()), Format.meanStd(v.subject()),
                        both ? Format.signedPoints(v.value()) : "–",
                        both ? Format.differenceInterval(v.subject().minus(v.compared(), LEVEL)) : "–",
                        Verdict.Quantity.SPREAD.format(-v.limit()), v.passed() ? "✅ pass" : "❌ **FAIL**");
            }
            md.append('\n');
        });
    }

    private static void row(StringBuilder md, String... cells) {
        md.append(java.util.Arrays.stream(cells).map(c -> c.replace("|", "\\|").replace("\n", " "))
                .collect(Collectors.joining(" | ", "| ", " |\n")));
    }
}
