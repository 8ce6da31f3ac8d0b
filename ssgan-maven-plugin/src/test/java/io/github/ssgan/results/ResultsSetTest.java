package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsSetTest {
    @TempDir
    Path tmp;

    /** A copy of the sample result for another experiment, seed, accuracy and configHash. */
    private static RunResult run(String experiment, long seed, int labeled, double accuracy, String hash) {
        RunResult r = RunResultTest.result();
        return new RunResult(experiment, seed, labeled, labeled / 60000.0, r.epochs(), accuracy, r.history(), hash,
                r.config(), r.dataset(), r.provenance(), r.durationSeconds());
    }

    private static void write(Path out, RunResult r) {
        r.write(RunDirectory.of(out, r.experiment(), r.seed()).result());
    }

    @Test
    void groupsByExperimentWithStatisticsOverSeeds() {
        ResultsSet set = ResultsSet.of(List.of(run("a", 2, 6000, 0.98, "h"), run("b", 1, 60000, 0.99, "h"),
                run("a", 1, 6000, 0.97, "h"), run("a", 3, 6000, 0.99, "h")));

        assertThat(set.experiments()).extracting(ResultsSet.ExperimentResults::experiment).containsExactly("a", "b");
        ResultsSet.ExperimentResults a = set.experiment("a");
        assertThat(a.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(a.accuracy().count()).isEqualTo(3);
        assertThat(a.accuracy().mean()).isCloseTo(0.98, within(1e-12));
        assertThat(a.accuracy().std()).isCloseTo(0.01, within(1e-12)); // sample std (n − 1)
        assertThat(a.accuracy().min()).isEqualTo(0.97);
        assertThat(a.accuracy().max()).isEqualTo(0.99);
        // t(0.975, 2) = 4.302653: half width 4.302653 · 0.01 / √3
        assertThat(a.accuracy().halfWidth(0.95)).isCloseTo(4.302653 * 0.01 / Math.sqrt(3), within(1e-6));
        assertThat(set.experiment("b").accuracy().std()).isZero();
        assertThat(set.experiment("b").accuracy().halfWidth(0.95)).isNaN();
        assertThat(set.experiment("b").accuracy().lowerBound(0.95)).isEqualTo(0.99);
    }

    /** A run of {@code accuracies.length} epochs whose test accuracy after epoch e is accuracies[e − 1]. */
    private static RunResult curve(String experiment, long seed, double... accuracies) {
        RunResult r = RunResultTest.result();
        List<EpochMetrics> history = new java.util.ArrayList<>();
        for (int e = 1; e <= accuracies.length; e++) {
            history.add(new EpochMetrics(e, 0.1, 0.2, 0.3, 0.9, accuracies[e - 1], 30.0));
        }
        return new RunResult(experiment, seed, 6000, 0.1, accuracies.length, accuracies[accuracies.length - 1], history,
                "h", r.config(), r.dataset(), r.provenance(), r.durationSeconds());
    }

    @Test
    void experimentsOfDifferentLengthsAreComparedAtTheLastEpochBothReached() {
        ResultsSet set = ResultsSet.of(List.of(curve("long", 1, 0.90, 0.95, 0.99), curve("long", 2, 0.91, 0.96, 0.98),
                curve("short", 1, 0.92, 0.94), curve("short", 2, 0.93, 0.95)));
        ResultsSet.ExperimentResults longer = set.experiment("long");
        ResultsSet.ExperimentResults shorter = set.experiment("short");

        assertThat(longer.commonEpoch(shorter)).isEqualTo(2);
        ResultsSet.EpochDifference d = longer.minus(shorter, 0.95);
        assertThat(d.epoch()).isEqualTo(2);
        // epoch 2: 0.95, 0.96 against 0.94, 0.95, not the longer runs' final 0.99, 0.98
        assertThat(d.difference().value()).isCloseTo(0.955 - 0.945, within(1e-12));
        assertThat(longer.accuracyAt(3).mean()).isCloseTo(0.985, within(1e-12));
        assertThat(longer.commonEpoch(longer)).isEqualTo(3);
    }

    @Test
    void mergesSeveralOutputDirectoriesAndReadsOnlyFinishedRuns() throws Exception {
        Path shard1 = tmp.resolve("shard-1");
        Path shard2 = tmp.resolve("shard-2");
        write(shard1, run("labeled-10pct", 1, 6000, 0.98, "h1"));
        write(shard2, run("labeled-10pct", 2, 6000, 0.99, "h2"));
        write(shard2, run("labeled-100pct", 1, 60000, 0.993, "h3"));
        Files.createDirectories(RunDirectory.of(shard2, "labeled-100pct", 2).path()); // unfinished: no result.json
        Files.createDirectories(shard2.resolve("labeled-100pct").resolve("not-a-seed"));

        ResultsSet set = ResultsSet.read(List.of(shard1, shard2, tmp.resolve("missing")));

        assertThat(set.experiments()).extracting(ResultsSet.ExperimentResults::experiment)
                .containsExactly("labeled-10pct", "labeled-100pct"); // fewest labels first
        assertThat(set.experiment("labeled-10pct").seeds()).containsExactly(1L, 2L);
        assertThat(set.experiment("labeled-100pct").seeds()).containsExactly(1L);
        assertThat(set.problems()).isEmpty();
    }

    @Test
    void experimentsWithTheSameLabelsKeepTheOrderTheSuiteDeclared() throws Exception {
        Path out = tmp.resolve("ablation");
        for (String id : List.of("paper", "entropy", "combined-loss", "undeclared")) {
            write(out, run(id, 1, 100, 0.98, "h-" + id));
        }
        write(out, run("all-labels", 1, 60000, 0.99, "h-all"));
        List<ExperimentSpec> declared = new java.util.ArrayList<>();
        for (String id : List.of("paper", "entropy", "combined-loss", "all-labels")) {
            declared.add(new ExperimentSpec(id, null, 10, 1, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0));
        }
        Json.MAPPER.writeValue(RunDirectory.suiteFile(out).toFile(),
                new SuiteSpec(declared, 0, 0, 10, 1, out, false, false));

        ResultsSet set = ResultsSet.read(List.of(out));

        // fewest labels first; then the declared order, not the alphabet; the undeclared after
        assertThat(set.experiments()).extracting(ResultsSet.ExperimentResults::experiment)
                .containsExactly("paper", "entropy", "combined-loss", "undeclared", "all-labels");
    }

    @Test
    void theSameRunTwiceCountsOnceAndAConflictIsReported() {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        write(a, run("x", 1, 100, 0.98, "same"));
        write(b, run("x", 1, 100, 0.98, "same"));
        write(c, run("x", 1, 100, 0.91, "other"));

        ResultsSet set = ResultsSet.read(List.of(a, b, c));

        assertThat(set.experiment("x").runs()).hasSize(1);
        assertThat(set.experiment("x").accuracy().mean()).isEqualTo(0.98);
        assertThat(set.problems()).singleElement().asString().contains("x/seed-1", "same", "other");
    }

    @Test
    void runDirectoryLayout() {
        RunDirectory run = RunDirectory.of(Path.of("out"), "labels-100", 3);
        assertThat(run.path()).isEqualTo(Path.of("out", "labels-100", "seed-3"));
        assertThat(run.result()).isEqualTo(Path.of("out", "labels-100", "seed-3", "result.json"));
        assertThat(run.sample(7)).isEqualTo(Path.of("out", "labels-100", "seed-3", "samples", "epoch-0007.png"));
        assertThat(run.checkpoint().getFileName()).hasToString("checkpoint.zip");
        assertThat(run.model().getFileName()).hasToString("model.zip");
        assertThat(run.metrics().getFileName()).hasToString("metrics.csv");
    }
}
