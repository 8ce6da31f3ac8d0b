package io.github.ssgan.check;

import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.ResultsSet.ExperimentResults;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A quality gate over a {@link ResultsSet}: each rule's limits become {@link Verdict}s. Every number is the results
 * model's (means, standard deviations, Student-t and Welch bounds from {@link Statistics}); the gate only compares.
 * A rule never passes on partial data: runs declared in suite.json without a result, or supervised baseline runs a
 * gain needs, fail it by name.
 */
public final class Gate {
    private final List<RuleSpec> rules;

    /**
     * Checks the rules as written (ranges, which parameters go together), filling in the plugin-level confidence where
     * a rule has none.
     *
     * @param confidence the default one-sided confidence, or null for point values
     * @throws CheckConfigurationException naming the rule and the problem
     */
    public Gate(List<RuleSpec> rules, Double confidence) {
        if (confidence != null && !(confidence > 0.5 && confidence < 1)) {
            throw new CheckConfigurationException("confidence (plugin level) " + confidence
                    + " is outside (0.5, 1), e.g. 0.95");
        }
        if (rules.isEmpty()) {
            throw new CheckConfigurationException("no rules: declare at least one <rule> (a gate without rules would "
                    + "pass anything)");
        }
        List<RuleSpec> filled = new ArrayList<>();
        for (RuleSpec r : rules) {
            RuleSpec withLevel = r.confidence() == null ? r.withConfidence(confidence) : r;
            // a rule's own confidence is named as the rule's problem; the plugin-level one was checked above
            r.validate();
            filled.add(withLevel);
        }
        this.rules = List.copyOf(filled);
    }

    public List<RuleSpec> rules() {
        return rules;
    }

    /** The baseline results sets the rules name, in order, each once: the caller resolves them. */
    public List<String> baselines() {
        return rules.stream().filter(RuleSpec::isBaselineRule).map(RuleSpec::baseline).distinct().toList();
    }

    /**
     * Evaluates every rule.
     *
     * @param baselines the results set of each of {@link #baselines()}
     * @throws CheckConfigurationException for an experiment id the results do not know, or a baseline without results
     */
    public GateResult evaluate(ResultsSet results, Map<String, ResultsSet> baselines) {
        List<String> known = results.experiments().stream().map(ExperimentResults::experiment).toList();
        for (RuleSpec r : rules) {
            if (r.isBaselineRule()) {
                ResultsSet base = baselines.get(r.baseline());
                if (base == null) {
                    throw new IllegalArgumentException("baseline " + r.baseline() + " was not resolved");
                }
                if (base.experiments().isEmpty()) {
                    throw r.problem("the baseline holds no results (no suite.json, no <experiment>/seed-<n>/"
                            + "result.json)");
                }
                continue;
            }
            requireKnown(r, "experiment", r.experiment(), known);
            if (r.comparedTo() != null) {
                requireKnown(r, "comparedTo", r.comparedTo(), known);
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (RuleSpec r : rules) {
            double level = r.confidence() == null ? Double.NaN : r.confidence();
            if (r.isBaselineRule()) {
                for (ExperimentResults before : baselines.get(r.baseline()).experiments()) {
                    verdicts.add(noRegression(r, level, results.experiment(before.experiment()), before));
                }
                continue;
            }
            ExperimentResults e = results.experiment(r.experiment());
            if (r.minimumAccuracy() != null) {
                Statistics a = e.accuracy();
                verdicts.add(compare(r, Verdict.Kind.MINIMUM_ACCURACY, e.experiment(), null, a, null, a.mean(),
                        level, a.count() < 2 || Double.isNaN(level) ? Double.NaN : a.lowerBound(level),
                        r.minimumAccuracy(), missing(e, false)));
            }
            if (r.maximumStd() != null) {
                Statistics a = e.accuracy();
                verdicts.add(compare(r, Verdict.Kind.MAXIMUM_STD, e.experiment(), null, a, null, a.std(),
                        level, a.count() < 2 || Double.isNaN(level) ? Double.NaN : a.stdUpperBound(level),
                        r.maximumStd(), missing(e, false)));
            }
            if (r.maximumGap() != null) {
                ExperimentResults other = results.experiment(r.comparedTo());
                List<String> gaps = new ArrayList<>(missing(e, false));
                gaps.addAll(missing(other, false));
                verdicts.add(difference(r, Verdict.Kind.MAXIMUM_GAP, e.experiment(), other.experiment(),
                        e.accuracy(), other.accuracy(), level, r.maximumGap(), gaps,
                        "no finished run of " + (e.runs().isEmpty() ? e.experiment() : other.experiment())));
            }
            if (r.minimumGainOverSupervised() != null) {
                verdicts.add(difference(r, Verdict.Kind.MINIMUM_GAIN, e.experiment(), "supervised", e.accuracy(),
                        e.baseline(), level, r.minimumGainOverSupervised(), missing(e, true),
                        "no finished " + (e.runs().isEmpty() ? "GAN" : "supervised baseline") + " run of "
                                + e.experiment() + " (train writes them with supervisedBaseline true, the default)"));
            }
        }
        return new GateResult(results, verdicts);
    }

    /** A regression rule on one experiment of the baseline: now − before ≥ −tolerance. */
    private static Verdict noRegression(RuleSpec r, double level, ExperimentResults now, ExperimentResults before) {
        String id = before.experiment();
        Statistics nowAccuracy = now == null ? Statistics.of() : now.accuracy();
        List<String> missing = new ArrayList<>(now == null ? List.of() : missing(now, false));
        before.missingSeeds().forEach(s -> missing.add("baseline " + RunDirectory.runName(id, s, false)));
        return difference(r, Verdict.Kind.NO_REGRESSION, id, r.baseline(), nowAccuracy, before.accuracy(), level,
                -r.tolerance(), missing, now == null || now.runs().isEmpty()
                        ? "no finished run of " + id + " in the results, but the baseline has it"
                        : "the baseline has no finished run of " + id);
    }

    /** A limit on a difference of means; the bound is Welch's, which needs two seeds on each side. */
    private static Verdict difference(RuleSpec r, Verdict.Kind kind, String experiment, String reference,
                                      Statistics subject, Statistics compared, double level, double limit,
                                      List<String> missing, String emptyProblem) {
        if (missing.isEmpty() && (subject.count() == 0 || compared.count() == 0)) {
            return new Verdict(r.index(), kind, experiment, reference, subject, compared, Double.NaN, level,
                    Double.NaN, limit, false, missing, emptyProblem);
        }
        double value = subject.mean() - compared.mean();
        double bound = Double.isNaN(level) || subject.count() < 2 || compared.count() < 2 ? Double.NaN
                : kind.isMinimum() ? subject.differenceLowerBound(compared, level)
                : subject.differenceUpperBound(compared, level);
        return compare(r, kind, experiment, reference, subject, compared, value, level, bound, limit, missing);
    }

    private static Verdict compare(RuleSpec r, Verdict.Kind kind, String experiment, String reference,
                                   Statistics subject, Statistics compared, double value, double level, double bound,
                                   double limit, List<String> missing) {
        if (!missing.isEmpty()) {
            return new Verdict(r.index(), kind, experiment, reference, subject, compared,
                    subject.count() == 0 ? Double.NaN : value, level, Double.NaN, limit, false, missing,
                    "missing runs " + String.join(", ", missing) + " (declared, or needed by the rule, without a "
                            + "result.json; a gate never passes on partial data)");
        }
        if (subject.count() == 0) {
            return new Verdict(r.index(), kind, experiment, reference, subject, compared, Double.NaN, level,
                    Double.NaN, limit, false, missing, "no finished run of " + experiment);
        }
        double decisive = Double.isNaN(bound) ? value : bound;
        boolean passed = kind.isMinimum() ? decisive >= limit : decisive <= limit;
        return new Verdict(r.index(), kind, experiment, reference, subject, compared, value, level, bound, limit,
                passed, missing, null);
    }

    /** The runs of an experiment the rule needs that have no result: GAN runs, and with baselines their baselines. */
    private static List<String> missing(ExperimentResults e, boolean withBaselines) {
        List<String> names = new ArrayList<>();
        e.missingSeeds().forEach(s -> names.add(RunDirectory.runName(e.experiment(), s, false)));
        if (withBaselines) {
            e.missingBaselineSeeds().forEach(s -> names.add(RunDirectory.runName(e.experiment(), s, true)));
        }
        return names;
    }

    private static void requireKnown(RuleSpec r, String parameter, String id, List<String> known) {
        if (!known.contains(id)) {
            throw r.problem("unknown " + parameter + " '" + id + "'; known: " + (known.isEmpty()
                    ? "none (no results in the result directories: run ssgan:train first)"
                    : String.join(", ", known)));
        }
    }
}
