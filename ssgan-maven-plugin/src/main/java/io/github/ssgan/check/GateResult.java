package io.github.ssgan.check;

import io.github.ssgan.results.ResultsSet;
import java.util.List;

/** The verdicts of every rule over one results set, in the order of the rules; what the renderers render. */
public record GateResult(ResultsSet results, List<Verdict> verdicts) {
    public GateResult {
        verdicts = List.copyOf(verdicts);
    }

    public List<Verdict> failures() {
        return verdicts.stream().filter(v -> !v.passed()).toList();
    }

    public boolean passed() {
        return failures().isEmpty();
    }
}
