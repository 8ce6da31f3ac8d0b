package io.github.ssgan.check;

import java.util.List;

/**
 * The log renderer: one line per verdict, {@code PASS|FAIL rule <i>, <experiment>, <parameter>: <text>}, and a
 * closing count. Words and numbers come from {@link Verdict}; this only lays them out.
 */
public final class LogLines {
    private LogLines() {
    }

    /** E.g. {@code PASS rule 1, labeled-10pct, minimumAccuracy: mean accuracy 98.33 % (95 % lower bound 97.98 %) >= 98.00 %}. */
    public static String line(Verdict v) {
        return (v.passed() ? "PASS " : "FAIL ") + v.heading() + ": " + v.text();
    }

    public static List<String> lines(GateResult result) {
        return result.verdicts().stream().map(LogLines::line).toList();
    }

    /** E.g. {@code ssgan:check: 6 checks of 4 rules, 5 passed, 1 failed}. */
    public static String summary(GateResult result) {
        long rules = result.verdicts().stream().mapToInt(Verdict::rule).distinct().count();
        int failed = result.failures().size();
        return "ssgan:check: " + result.verdicts().size() + " check(s) of " + rules + " rule(s), "
                + (result.verdicts().size() - failed) + " passed, " + failed + " failed";
    }
}
