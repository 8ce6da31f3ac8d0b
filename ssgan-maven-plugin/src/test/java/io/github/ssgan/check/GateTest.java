package io.github.ssgan.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on fixture results, with the bounds checked against values computed here by hand from tabulated
 * quantiles: t(0.95, 2) = 2.919986, t(0.95, 4) = 2.131847, χ²(0.05, 2) = 0.1025866.
 */
class GateTest {
    @TempDir
    Path tmp;
    Fixtures fixtures;

    @BeforeEach
    void writeResults() {
        // 10 %: 98, 99, 97 (mean 98, std 1 pp); its supervised baseline 95, 96, 94 (mean 95, std 1 pp)
        // 100 %: 99, 99.5, 98.5 (mean 99, std 0.5 pp); one-seed: a single run
        fixtures = new Fixtures(tmp.resolve("ssgan"))
                .gan("labeled-10pct", 6000, 0.98, 0.99, 0.97)
                .supervised("labeled-10pct", 6000, 0.95, 0.96, 0.94)
                .gan("labeled-100pct", 60000, 0.99, 0.995, 0.985)
                .gan("one-seed", 600, 0.97);
    }

    private ResultsSet results() {
        return ResultsSet.read(List.of(fixtures.out()));
    }

    private GateResult evaluate(Double confidence, RuleSpec... rules) {
        return new Gate(List.of(rules), confidence).evaluate(results(), Map.of());
    }

    private static RuleSpec rule(int index, String experiment, Double minimumAccuracy, Double maximumStd,
                                 String comparedTo, Double maximumGap, Double gain) {
        return new RuleSpec(index, experiment, minimumAccuracy, maximumStd, comparedTo, maximumGap, gain, null, null,
                null);
    }

    private static Verdict only(GateResult result) {
        assertThat(result.verdicts()).hasSize(1);
        return result.verdicts().get(0);
    }

    @Test
    void minimumAccuracyComparesTheMeanOverSeeds() {
        Verdict pass = only(evaluate(null, RuleSpec.minimumAccuracy(1, "labeled-10pct", 0.975)));
        Verdict fail = only(evaluate(null, RuleSpec.minimumAccuracy(1, "labeled-10pct", 0.985)));

        assertThat(pass.passed()).isTrue();
        assertThat(pass.value()).isCloseTo(0.98, within(1e-12));
        assertThat(pass.bound()).isNaN();
        assertThat(LogLines.line(pass))
                .isEqualTo("PASS rule 1, labeled-10pct, minimumAccuracy: mean accuracy 98.00 % >= 97.50 %");
        assertThat(fail.passed()).isFalse();
        assertThat(LogLines.line(fail))
                .isEqualTo("FAIL rule 1, labeled-10pct, minimumAccuracy: mean accuracy 98.00 % < 98.50 %");
    }

    @Test
    void withConfidenceTheLowerStudentBoundMustClearTheMinimum() {
        // 0.98 − t(0.95, 2) · 0.01 / √3
        double bound = 0.98 - 2.919986 * 0.01 / Math.sqrt(3);

        Verdict pass = only(evaluate(0.95, RuleSpec.minimumAccuracy(1, "labeled-10pct", 0.96)));
        Verdict fail = only(evaluate(0.95, RuleSpec.minimumAccuracy(1, "labeled-10pct", 0.965)));

        assertThat(pass.bound()).isCloseTo(bound, within(1e-6));
        assertThat(pass.passed()).isTrue();
        assertThat(fail.passed()).isFalse(); // the mean 98 % clears 96.5 %, its bound 96.31 % does not
        assertThat(LogLines.line(fail)).isEqualTo("FAIL rule 1, labeled-10pct, minimumAccuracy: mean accuracy 98.00 % "
                + "(95 % lower bound 96.31 %) < 96.50 %");
        assertThat(fail.description()).isEqualTo("rule 1: mean accuracy >= 96.50 % at 95 % confidence");
    }

    @Test
    void aRulesOwnConfidenceOverridesThePluginLevel() {
        Verdict v = only(evaluate(0.95, RuleSpec.minimumAccuracy(1, "labeled-10pct", 0.96).withConfidence(0.8)));

        assertThat(v.confidence()).isEqualTo(0.8);
        // t(0.8, 2) = 1.060660
        assertThat(v.bound()).isCloseTo(0.98 - 1.060660 * 0.01 / Math.sqrt(3), within(1e-6));
    }

    @Test
    void withOneSeedConfidenceFallsBackToThePointValueAndSaysSo() {
        Verdict v = only(evaluate(0.95, RuleSpec.minimumAccuracy(1, "one-seed", 0.96)));

        assertThat(v.passed()).isTrue();
        assertThat(v.fellBackToPointValue()).isTrue();
        assertThat(LogLines.line(v)).isEqualTo("PASS rule 1, one-seed, minimumAccuracy: mean accuracy 97.00 % "
                + "(1 seed: point value, no lower bound) >= 96.00 %");
    }

    @Test
    void maximumStdWithConfidenceUsesTheChiSquaredUpperBound() {
        Verdict point = only(evaluate(null, rule(1, "labeled-10pct", null, 0.012, null, null, null)));
        Verdict bounded = only(evaluate(0.95, rule(1, "labeled-10pct", null, 0.02, null, null, null)));

        assertThat(point.passed()).isTrue();
        assertThat(point.value()).isCloseTo(0.01, within(1e-12));
        assertThat(LogLines.line(point))
                .isEqualTo("PASS rule 1, labeled-10pct, maximumStd: accuracy std 1.00 pp <= 1.20 pp");
        // 0.01 · √(2 / χ²(0.05, 2))
        assertThat(bounded.bound()).isCloseTo(0.01 * Math.sqrt(2 / 0.1025866), within(1e-6));
        assertThat(bounded.passed()).isFalse();
        assertThat(LogLines.line(bounded)).isEqualTo("FAIL rule 1, labeled-10pct, maximumStd: accuracy std 1.00 pp "
                + "(95 % upper bound 4.42 pp) > 2.00 pp");
    }

    @Test
    void maximumGapComparesTheDifferenceOfMeans() {
        Verdict pass = only(evaluate(null, rule(2, "labeled-100pct", null, null, "labeled-10pct", 0.015, null)));
        Verdict fail = only(evaluate(null, rule(2, "labeled-100pct", null, null, "labeled-10pct", 0.005, null)));

        assertThat(pass.value()).isCloseTo(0.01, within(1e-12));
        assertThat(pass.passed()).isTrue();
        assertThat(fail.passed()).isFalse();
        assertThat(LogLines.line(fail)).isEqualTo("FAIL rule 2, labeled-100pct, maximumGap: mean gap to labeled-10pct "
                + "+1.00 pp (99.00 % vs 98.00 %) > +0.50 pp");
    }

    @Test
    void maximumGapWithConfidenceUsesWelchsUpperBound() {
        Verdict v = only(evaluate(0.95, rule(2, "labeled-100pct", null, null, "labeled-10pct", 0.03, null)));

        // Welch: se² = 0.005²/3 + 0.01²/3, df = se⁴ / ((0.005²/3)²/2 + (0.01²/3)²/2) = 2.941…; the bound is the
        // Statistics one, which the gain test below checks by hand at an integer df
        double a = 0.005 * 0.005 / 3;
        double b = 0.01 * 0.01 / 3;
        double df = (a + b) * (a + b) / (a * a / 2 + b * b / 2);
        double t = new org.apache.commons.math3.distribution.TDistribution(df).inverseCumulativeProbability(0.95);
        assertThat(v.bound()).isCloseTo(0.01 + t * Math.sqrt(a + b), within(1e-9));
        assertThat(v.passed()).isEqualTo(v.bound() <= 0.03);
    }

    @Test
    void gainOverSupervisedWithConfidenceUsesWelchsLowerBound() {
        // 98 − 95 = +3 pp; both std 1 pp over 3 seeds: se = √(2 · 0.01² / 3), df = 4
        double bound = 0.03 - 2.131847 * Math.sqrt(2 * 0.0001 / 3);

        Verdict pass = only(evaluate(0.95, rule(3, "labeled-10pct", null, null, null, null, 0.0125)));
        Verdict fail = only(evaluate(0.95, rule(3, "labeled-10pct", null, null, null, null, 0.013)));
        Verdict point = only(evaluate(null, rule(3, "labeled-10pct", null, null, null, null, 0.013)));

        assertThat(pass.value()).isCloseTo(0.03, within(1e-12));
        assertThat(pass.bound()).isCloseTo(bound, within(1e-6));
        assertThat(pass.passed()).isTrue();
        assertThat(fail.passed()).isFalse();
        assertThat(point.passed()).isTrue();
        assertThat(LogLines.line(fail)).isEqualTo("FAIL rule 3, labeled-10pct, minimumGainOverSupervised: gain over "
                + "supervised +3.00 pp (98.00 % vs 95.00 %; 95 % lower bound +1.26 pp) < +1.30 pp");
    }

    @Test
    void aGainWithoutItsSupervisedRunsFailsNamingThem() throws Exception {
        Files.delete(RunDirectory.of(fixtures.out(), "labeled-10pct", 2, true).result());

        Verdict v = only(evaluate(null, rule(3, "labeled-10pct", null, null, null, null, -1.0)));
        Verdict none = only(evaluate(null, rule(3, "labeled-100pct", null, null, null, null, -1.0)));

        assertThat(v.passed()).isFalse();
        assertThat(v.missingRuns()).containsExactly("labeled-10pct/supervised-seed-2");
        assertThat(LogLines.line(v)).startsWith("FAIL rule 3, labeled-10pct, minimumGainOverSupervised: gain over "
                + "supervised: missing runs labeled-10pct/supervised-seed-2 (");
        assertThat(none.passed()).isFalse();
        assertThat(none.missingRuns()).containsExactly("labeled-100pct/supervised-seed-1",
                "labeled-100pct/supervised-seed-2", "labeled-100pct/supervised-seed-3");
    }

    @Test
    void declaredRunsWithoutAResultFailEveryRuleOnTheExperiment() {
        fixtures.declare("labeled-10pct", 6000, 4); // seed 4 declared, never finished

        GateResult result = evaluate(null, RuleSpec.minimumAccuracy(1, "labeled-10pct", 0.5),
                rule(2, "labeled-100pct", null, null, "labeled-10pct", 0.5, null),
                RuleSpec.minimumAccuracy(3, "labeled-100pct", 0.5));

        assertThat(result.verdicts()).extracting(Verdict::passed).containsExactly(false, false, true);
        assertThat(result.verdicts().get(0).missingRuns()).containsExactly("labeled-10pct/seed-4");
        assertThat(result.verdicts().get(1).missingRuns()).containsExactly("labeled-10pct/seed-4");
        assertThat(LogLines.line(result.verdicts().get(0))).contains("missing runs labeled-10pct/seed-4")
                .contains("never passes on partial data");
        assertThat(result.passed()).isFalse();
        assertThat(LogLines.summary(result)).isEqualTo("ssgan:check: 3 check(s) of 3 rule(s), 1 passed, 2 failed");
    }

    @Test
    void anExperimentDeclaredWithNoResultFails() {
        fixtures.declare("pending", 600, 2);

        Verdict v = only(evaluate(null, RuleSpec.minimumAccuracy(1, "pending", 0.5)));

        assertThat(v.passed()).isFalse();
        assertThat(v.missingRuns()).containsExactly("pending/seed-1", "pending/seed-2");
        assertThat(v.value()).isNaN();
    }

    @Test
    void oneRuleWithSeveralLimitsGivesAVerdictForEach() {
        GateResult result = evaluate(null,
                new RuleSpec(1, "labeled-10pct", 0.97, 0.02, null, null, 0.02, null, null, null));

        assertThat(result.verdicts()).extracting(Verdict::kind).containsExactly(Verdict.Kind.MINIMUM_ACCURACY,
                Verdict.Kind.MAXIMUM_STD, Verdict.Kind.MINIMUM_GAIN);
        assertThat(result.passed()).isTrue();
    }

    @Test
    void aBaselineChecksEveryExperimentItHas() {
        Fixtures before = new Fixtures(tmp.resolve("release"))
                .gan("labeled-10pct", 6000, 0.981, 0.985, 0.983)     // mean 98.3: now 98.0 is −0.3 pp
                .gan("labeled-100pct", 60000, 0.99, 0.99)             // mean 99.0: now 99.0
                .gan("retired", 600, 0.9);                            // no longer in the results
        Map<String, ResultsSet> baselines = Map.of("release", ResultsSet.read(List.of(before.out())));
        Gate gate = new Gate(List.of(RuleSpec.baseline(4, "release", 0.002)), null);

        GateResult result = gate.evaluate(results(), baselines);

        assertThat(gate.baselines()).containsExactly("release");
        assertThat(result.verdicts()).extracting(Verdict::experiment)
                .containsExactly("retired", "labeled-10pct", "labeled-100pct"); // the baseline's order
        assertThat(result.verdicts()).extracting(Verdict::passed).containsExactly(false, false, true);
        Verdict down = result.verdicts().get(1);
        assertThat(down.value()).isCloseTo(0.98 - 0.983, within(1e-12));
        assertThat(down.limit()).isEqualTo(-0.002);
        assertThat(LogLines.line(down)).isEqualTo("FAIL rule 4, labeled-10pct, tolerance: change vs release -0.30 pp "
                + "(98.00 % vs 98.30 %) < -0.20 pp");
        assertThat(LogLines.line(result.verdicts().get(0))).isEqualTo("FAIL rule 4, retired, tolerance: change vs "
                + "release: no finished run of retired in the results, but the baseline has it");

        // a tolerance of 0.5 pp lets 10 % through; with confidence the Welch bound of the change must clear it
        GateResult tolerant = new Gate(List.of(RuleSpec.baseline(1, "release", 0.005)), null)
                .evaluate(results(), baselines);
        assertThat(tolerant.verdicts().get(1).passed()).isTrue();
        GateResult confident = new Gate(List.of(RuleSpec.baseline(1, "release", 0.005)), 0.95)
                .evaluate(results(), baselines);
        Verdict bounded = confident.verdicts().get(1);
        assertThat(bounded.bound()).isCloseTo(ResultsSet.read(List.of(fixtures.out())).experiment("labeled-10pct")
                .accuracy().differenceLowerBound(baselines.get("release").experiment("labeled-10pct").accuracy(), 0.95),
                within(1e-12));
        assertThat(bounded.passed()).isFalse(); // −0.3 pp is within 0.5 pp, its lower bound is not
        // the 100 % baseline has 2 seeds of equal accuracy: std 0, the bound still exists
        assertThat(confident.verdicts().get(2).fellBackToPointValue()).isFalse();
    }

    @Test
    void aBaselineWithMissingRunsFails() {
        Fixtures before = new Fixtures(tmp.resolve("partial")).gan("labeled-10pct", 6000, 0.97)
                .declare("labeled-10pct", 6000, 2);

        Verdict v = only(new Gate(List.of(RuleSpec.baseline(1, "partial", 0.01)), null)
                .evaluate(results(), Map.of("partial", ResultsSet.read(List.of(before.out())))));

        assertThat(v.passed()).isFalse();
        assertThat(v.missingRuns()).containsExactly("baseline labeled-10pct/seed-2");
    }

    @Test
    void anEmptyBaselineIsAConfigurationError() {
        Gate gate = new Gate(List.of(RuleSpec.baseline(2, "empty", 0.01)), null);

        assertThatThrownBy(() -> gate.evaluate(results(), Map.of("empty", ResultsSet.read(List.of(tmp.resolve("none"))))))
                .isInstanceOf(CheckConfigurationException.class)
                .hasMessage("rule 2 (baseline empty): the baseline holds no results (no suite.json, no "
                        + "<experiment>/seed-<n>/result.json)");
    }

    @Test
    void anUnknownExperimentIsAConfigurationErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> evaluate(null, RuleSpec.minimumAccuracy(1, "labeled-10pct", 0.9),
                RuleSpec.minimumAccuracy(2, "labels-100", 0.9)))
                .isInstanceOf(CheckConfigurationException.class)
                .hasMessage("rule 2 (labels-100): unknown experiment 'labels-100'; known: one-seed, "
                        + "labeled-10pct, labeled-100pct"); // as the results order them: fewest labels first
        assertThatThrownBy(() -> evaluate(null, rule(1, "labeled-10pct", null, null, "labeled-1pct", 0.01, null)))
                .hasMessageStartingWith("rule 1 (labeled-10pct): unknown comparedTo 'labeled-1pct'; known: ");
        assertThatThrownBy(() -> new Gate(List.of(RuleSpec.minimumAccuracy(1, "x", 0.9)), null)
                .evaluate(ResultsSet.read(List.of(tmp.resolve("nothing"))), Map.of()))
                .hasMessage("rule 1 (x): unknown experiment 'x'; known: none (no results in the result directories: "
                        + "run ssgan:train first)");
    }

    @Test
    void configurationErrorsNameTheRuleAndTheProblem() {
        assertConfigurationError(new RuleSpec(3, null, 0.9, null, null, null, null, null, null, null),
                "rule 3: set exactly one of <experiment> and <baseline>, neither is set");
        assertConfigurationError(new RuleSpec(1, "a", 0.9, null, null, null, null, "g:a:1", 0.01, null),
                "rule 1 (a): set exactly one of <experiment> and <baseline>, both are set");
        assertConfigurationError(new RuleSpec(2, "a", null, null, null, null, null, null, null, null),
                "rule 2 (a): no limit: set <minimumAccuracy>, <maximumStd>, <comparedTo> with <maximumGap>, or "
                        + "<minimumGainOverSupervised>");
        assertConfigurationError(RuleSpec.minimumAccuracy(4, "a", 98),
                "rule 4 (a): minimumAccuracy 98.0 is outside [0, 1] (a fraction: 0.98 for 98 %)");
        assertConfigurationError(new RuleSpec(1, "a", null, -0.1, null, null, null, null, null, null),
                "rule 1 (a): maximumStd -0.1 is outside [0, 1] (a fraction: 0.98 for 98 %)");
        assertConfigurationError(new RuleSpec(1, "a", null, null, "b", 1.5, null, null, null, null),
                "rule 1 (a): maximumGap 1.5 is outside [0, 1] (a fraction: 0.98 for 98 %)");
        assertConfigurationError(new RuleSpec(1, "a", null, null, null, null, -2.0, null, null, null),
                "rule 1 (a): minimumGainOverSupervised -2.0 is outside [-1, 1] (a fraction: 0.98 for 98 %)");
        assertConfigurationError(new RuleSpec(1, "a", null, null, "b", null, null, null, null, null),
                "rule 1 (a): <comparedTo> without <maximumGap>: set the largest acceptable gap");
        assertConfigurationError(new RuleSpec(1, "a", null, null, null, 0.01, null, null, null, null),
                "rule 1 (a): <maximumGap> without <comparedTo>: name the experiment the gap is measured to");
        assertConfigurationError(new RuleSpec(1, "a", null, null, "a", 0.01, null, null, null, null),
                "rule 1 (a): <comparedTo> is the experiment itself");
        assertConfigurationError(new RuleSpec(1, "a", 0.9, null, null, null, null, null, 0.01, null),
                "rule 1 (a): <tolerance> applies to a <baseline> rule, not to an <experiment> rule");
        assertConfigurationError(new RuleSpec(5, null, null, null, null, null, null, "g:a:1", null, null),
                "rule 5 (baseline g:a:1): no limit: a <baseline> rule needs a <tolerance> (e.g. 0.002)");
        assertConfigurationError(new RuleSpec(5, null, 0.9, null, null, null, null, "g:a:1", 0.01, null),
                "rule 5 (baseline g:a:1): a <baseline> rule takes only <tolerance> and <confidence>, not "
                        + "<minimumAccuracy> (those belong to an <experiment> rule)");
        assertConfigurationError(RuleSpec.baseline(6, "dir", 2),
                "rule 6 (baseline dir): tolerance 2.0 is outside [0, 1] (a fraction: 0.98 for 98 %)");
        assertConfigurationError(RuleSpec.minimumAccuracy(7, "a", 0.9).withConfidence(0.4),
                "rule 7 (a): confidence 0.4 is outside (0.5, 1), e.g. 0.95");
        assertConfigurationError(RuleSpec.minimumAccuracy(7, "a", Double.NaN),
                "rule 7 (a): minimumAccuracy NaN is outside [0, 1] (a fraction: 0.98 for 98 %)");
        assertThatThrownBy(() -> new Gate(List.of(RuleSpec.minimumAccuracy(1, "a", 0.9)), 1.0))
                .isInstanceOf(CheckConfigurationException.class)
                .hasMessage("confidence (plugin level) 1.0 is outside (0.5, 1), e.g. 0.95");
        assertThatThrownBy(() -> new Gate(List.of(), null)).isInstanceOf(CheckConfigurationException.class)
                .hasMessageStartingWith("no rules: declare at least one <rule>");
    }

    private static void assertConfigurationError(RuleSpec rule, String message) {
        assertThatThrownBy(() -> new Gate(List.of(rule), null))
                .isInstanceOf(CheckConfigurationException.class).hasMessage(message);
    }
}
