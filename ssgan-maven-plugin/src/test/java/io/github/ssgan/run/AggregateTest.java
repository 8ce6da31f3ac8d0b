package io.github.ssgan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.results.Provenance;
import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging shards' output directories, from fixture result files: what is copied, what is refused, what is missing. */
class AggregateTest {
    private static final Map<String, String> SHA = Map.of("train-images-idx3-ubyte", "ba89");

    @TempDir
    Path tmp;
    Path shard1;
    Path shard2;
    Path target;
    final List<String> log = new ArrayList<>();
    final ProgressLog progress = new ProgressLog() {
        @Override
        public void info(String message) {
            log.add(message);
        }

        @Override
        public void warn(String message) {
            log.add("WARN " + message);
        }
    };

    private static ExperimentSpec experiment(String id, int epochs, Long... seeds) {
        return new ExperimentSpec(id, 0.1, null, epochs, List.of(seeds), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0);
    }

    /** Two experiments × two seeds, as the shards IT declares them. */
    private static SuiteSpec grid(Path out, Shard shard, ExperimentSpec... experiments) {
        List<ExperimentSpec> declared = experiments.length > 0 ? List.of(experiments)
                : List.of(experiment("labeled-10pct", 2, 1L, 2L), experiment("labels-10", 2, 1L, 2L));
        return new SuiteSpec(declared, 600, 300, 1, 2, out, false, false, shard);
    }

    /** Writes what train leaves for a run of this suite: a finished one has result.json and model.zip. */
    private static void train(SuiteSpec suite, RunSpec run, boolean finished, double accuracy) throws IOException {
        RunDirectory dir = RunDirectory.of(suite.outputDirectory(), run);
        List<EpochMetrics> history = new ArrayList<>();
        StringBuilder csv = new StringBuilder("epoch,loss_labeled,loss_unlabeled,loss_generator,train_accuracy,test_accuracy,seconds\n");
        int epochs = finished ? run.epochs() : run.epochs() - 1;
        for (int e = 1; e <= epochs; e++) {
            history.add(new EpochMetrics(e, 0.5, 0.6, 0.7, 0.8, accuracy, 1.5));
            csv.append(e).append(",0.5,0.6,0.7,0.8,").append(accuracy).append(",1.5\n");
            Files.createDirectories(dir.samples());
            Files.write(dir.sample(e), new byte[] {(byte) e, 2, 3});
        }
        Files.writeString(dir.metrics(), csv);
        Files.write(dir.checkpoint(), ("checkpoint of " + run.id() + " after " + epochs).getBytes(StandardCharsets.UTF_8));
        // the lock file stays; this one names a holder so that a copy of it would show
        Files.writeString(dir.lock(), "pid 42 on the shard's machine");
        if (!finished) {
            return;
        }
        Files.write(dir.corruptCheckpoint(), new byte[] {0});
        Files.write(dir.model(), ("model of " + run.id()).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> config = new TreeMap<>(run.hashedSettings(SHA));
        config.put("experiment", run.experiment().id());
        config.put("epochs", run.epochs());
        new RunResult(run.experiment().id(), run.seed(), 60, 0.1, run.epochs(), accuracy, history, run.configHash(SHA),
                config, new RunResult.DatasetRecord("MNIST", 600, 300, SHA),
                new Provenance("0.1.0", "1.0.0-M2.1", "1.0.0-M2.1", "CpuBackend", "OpenBLAS", "Java 17", "Linux",
                        "CPU", 2, 2, Map.of()), 3.0).write(dir.result());
    }

    private static void writeSuite(SuiteSpec suite) throws IOException {
        Files.createDirectories(suite.outputDirectory());
        Json.MAPPER.writeValue(RunDirectory.suiteFile(suite.outputDirectory()).toFile(), suite);
    }

    /** One shard's output directory as ssgan:train -Dssgan.shard=i/2 leaves it. */
    private static SuiteSpec trainShard(Path out, int index) throws IOException {
        SuiteSpec suite = grid(out, new Shard(index, 2));
        writeSuite(suite);
        double accuracy = 0.5 + index / 10.0;
        for (RunSpec run : suite.shardRuns()) {
            train(suite, run, true, accuracy += 0.01);
        }
        return suite;
    }

    private Aggregate.Outcome merge(Path... sources) {
        return Aggregate.merge(List.of(sources), target, progress);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    @BeforeEach
    void shards() throws IOException {
        shard1 = tmp.resolve("shard-1");
        shard2 = tmp.resolve("shard-2");
        target = tmp.resolve("merged");
        trainShard(shard1, 1);
        trainShard(shard2, 2);
    }

    @Test
    void twoShardsMergeIntoOneDirectoryThatReadsLikeTheirUnion() throws IOException {
        Aggregate.Outcome outcome = merge(shard1, shard2);

        assertThat(outcome.copied()).containsExactly("labeled-10pct/seed-1", "labels-10/seed-1",
                "labeled-10pct/seed-2", "labels-10/seed-2");
        assertThat(outcome.missing()).isEmpty();
        for (Path shard : List.of(shard1, shard2)) {
            for (RunDirectory run : RunDirectory.list(shard)) {
                RunDirectory copy = RunDirectory.of(target, run.experiment(), run.seed());
                // the whole run, checkpoint included, but the lock and the corrupt checkpoint set aside; the lock
                // there is the merge's own, released
                assertThat(copy.lock()).isEmptyFile();
                assertThat(files(copy.path())).containsExactly(Path.of(".lock"), Path.of("checkpoint.zip"),
                        Path.of("metrics.csv"), Path.of("model.zip"), Path.of("result.json"),
                        Path.of("samples/epoch-0001.png"), Path.of("samples/epoch-0002.png"));
                for (Path f : copy.portableFiles()) {
                    assertThat(copy.path().resolve(f)).hasSameBinaryContentAs(run.path().resolve(f));
                }
            }
        }
        SuiteSpec merged = Json.MAPPER.readValue(RunDirectory.suiteFile(target).toFile(), SuiteSpec.class);
        assertThat(merged).isEqualTo(outcome.suite());
        assertThat(merged.shard()).isEqualTo(Shard.ALL);
        assertThat(merged.experiments()).isEqualTo(grid(target, Shard.ALL).experiments());
        assertThat(merged.outputDirectory()).isEqualTo(target.toAbsolutePath());
        assertThat(log).contains("aggregate: " + shard1.toAbsolutePath() + " (shard 1/2): 2 finished run(s), 0 unfinished",
                "aggregate: 4 run(s) copied, 0 already in " + target.toAbsolutePath(),
                "aggregate: all 4 declared run(s) are here");

        // the report reads the shards and the merge alike
        ResultsSet fromShards = ResultsSet.read(List.of(shard1, shard2));
        ResultsSet fromMerge = ResultsSet.read(List.of(target));
        assertThat(fromMerge.runs()).isEqualTo(fromShards.runs()).hasSize(4);
        assertThat(fromMerge.experiments()).allSatisfy(e -> assertThat(e.missingSeeds()).isEmpty());
    }

    @Test
    void oneShardAloneNamesTheRunsTheOthersOwe() throws IOException {
        Aggregate.Outcome outcome = merge(shard1);

        assertThat(outcome.copied()).containsExactly("labeled-10pct/seed-1", "labels-10/seed-1");
        assertThat(outcome.missing()).containsExactly("labeled-10pct/seed-2", "labels-10/seed-2");
        assertThat(log).contains("WARN aggregate: 2 of 4 declared run(s) missing: labeled-10pct/seed-2, labels-10/seed-2");
        // as the report over that shard alone says
        for (ResultsSet results : List.of(ResultsSet.read(List.of(shard1)), ResultsSet.read(List.of(target)))) {
            assertThat(results.experiments()).allSatisfy(e -> assertThat(e.missingSeeds()).containsExactly(2L));
        }
    }

    @Test
    void mergingAgainCopiesOnlyWhatIsNewAndRewritesNothing() throws IOException {
        merge(shard1);
        Path result = RunDirectory.of(target, "labeled-10pct", 1).result();
        FileTime before = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(result, before);
        log.clear();

        Aggregate.Outcome outcome = merge(shard1, shard2);

        assertThat(outcome.copied()).containsExactly("labeled-10pct/seed-2", "labels-10/seed-2");
        assertThat(outcome.present()).containsExactly("labeled-10pct/seed-1", "labels-10/seed-1");
        assertThat(Files.getLastModifiedTime(result)).isEqualTo(before);
        assertThat(log).contains("[labeled-10pct/seed-1] already in " + RunDirectory.of(target.toAbsolutePath(),
                "labeled-10pct", 1) + " (same configHash and epochs)");
        assertThat(outcome.missing()).isEmpty();
    }

    @Test
    void anUnfinishedRunIsCopiedToResumeAndLaterReplacedByItsFinishedResult() throws IOException {
        SuiteSpec killed = grid(tmp.resolve("killed"), new Shard(2, 2));
        writeSuite(killed);
        RunSpec run = killed.shardRuns().get(0);
        train(killed, run, false, 0.6);
        // a sample of an epoch the finished run does not have: must not outlive the replacement
        Files.write(RunDirectory.of(killed.outputDirectory(), run).sample(9), new byte[] {9});

        Aggregate.Outcome first = merge(shard1, killed.outputDirectory());

        RunDirectory copy = RunDirectory.of(target, run);
        assertThat(first.copied()).contains(run.id());
        assertThat(copy.checkpoint()).hasContent("checkpoint of " + run.id() + " after 1");
        assertThat(copy.result()).doesNotExist();
        assertThat(first.missing()).contains(run.id());
        assertThat(log).anyMatch(l -> l.startsWith("WARN aggregate: 2 of 4 declared run(s) missing: ")
                && l.contains(run.id() + " (unfinished: ssgan:train resumes it from its checkpoint)"));

        Aggregate.Outcome second = merge(shard2);

        assertThat(second.copied()).contains(run.id());
        assertThat(copy.result()).hasSameBinaryContentAs(RunDirectory.of(shard2, run).result());
        assertThat(copy.checkpoint()).hasSameBinaryContentAs(RunDirectory.of(shard2, run).checkpoint());
        assertThat(copy.sample(9)).doesNotExist();
        assertThat(second.missing()).isEmpty();
    }

    @Test
    void theSameRunWithTwoDifferentResultsFailsNamingBothAndWritesNothing() throws IOException {
        SuiteSpec other = grid(tmp.resolve("other"), new Shard(1, 2));
        RunSpec run = other.runs().get(0);
        train(other, run, true, 0.9);
        RunDirectory dir = RunDirectory.of(other.outputDirectory(), run);
        RunResult r = dir.readResult();
        new RunResult(r.experiment(), r.seed(), r.labeledCount(), r.labeledFraction(), r.epochs(), r.testAccuracy(),
                r.history(), "f".repeat(64), r.config(), r.dataset(), r.provenance(), r.durationSeconds()).write(dir.result());

        assertThatThrownBy(() -> merge(shard1, other.outputDirectory()))
                .isInstanceOf(Aggregate.AggregateException.class)
                .hasMessageContaining("labeled-10pct/seed-1 differs")
                .hasMessageContaining(RunDirectory.of(shard1.toAbsolutePath(), run).toString())
                .hasMessageContaining(dir.path().toAbsolutePath().toString())
                .hasMessageContaining("ffffffffffff");
        assertThat(target).doesNotExist();
    }

    @Test
    void aDifferentResultAlreadyInTheTargetIsNeverOverwritten() throws IOException {
        SuiteSpec local = grid(target, Shard.ALL);
        RunSpec run = local.runs().get(0);
        train(local, run, true, 0.7);
        RunDirectory dir = RunDirectory.of(target, run);
        RunResult r = dir.readResult();
        new RunResult(r.experiment(), r.seed(), r.labeledCount(), r.labeledFraction(), 5, r.testAccuracy(),
                r.history(), r.configHash(), r.config(), r.dataset(), r.provenance(), r.durationSeconds()).write(dir.result());
        byte[] kept = Files.readAllBytes(dir.result());

        assertThatThrownBy(() -> merge(shard1, shard2))
                .isInstanceOf(Aggregate.AggregateException.class)
                .hasMessageContaining("labeled-10pct/seed-1 differs")
                .hasMessageContaining("5 epochs in " + dir.path().toAbsolutePath())
                .hasMessageContaining("2 epochs in " + RunDirectory.of(shard1.toAbsolutePath(), run))
                .hasMessageContaining("the merge does not overwrite a result");
        assertThat(dir.result()).hasBinaryContent(kept);
        assertThat(RunDirectory.of(target, "labels-10", 1).path()).doesNotExist();
    }

    @Test
    void anExperimentDeclaredDifferentlyFailsNamingBothSuiteFiles() throws IOException {
        SuiteSpec longer = grid(tmp.resolve("longer"), new Shard(2, 2), experiment("labeled-10pct", 3, 1L, 2L),
                experiment("labels-10", 2, 1L, 2L));
        writeSuite(longer);

        assertThatThrownBy(() -> merge(shard1, longer.outputDirectory()))
                .isInstanceOf(Aggregate.AggregateException.class)
                .hasMessage("experiment 'labeled-10pct' is declared differently in "
                        + RunDirectory.suiteFile(shard1.toAbsolutePath()) + " and " + RunDirectory.suiteFile(longer.outputDirectory().toAbsolutePath())
                        + " (epochs 2 vs 3); merge only shards of one grid");
        assertThat(target).doesNotExist();
    }

    @Test
    void otherDataLimitsAreNotOneGrid() throws IOException {
        SuiteSpec s = grid(tmp.resolve("limits"), Shard.ALL);
        writeSuite(new SuiteSpec(s.experiments(), 0, 300, 1, 2, s.outputDirectory(), false, false, Shard.ALL));

        assertThatThrownBy(() -> merge(shard1, s.outputDirectory()))
                .isInstanceOf(Aggregate.AggregateException.class)
                .hasMessageStartingWith("trainLimit/testLimit differ: 600/300 in ");
    }

    @Test
    void seedsSplitOverInvocationsAreUnited() throws IOException {
        SuiteSpec third = grid(tmp.resolve("seed-3"), Shard.ALL, experiment("labeled-10pct", 2, 3L));
        writeSuite(third);
        train(third, third.runs().get(0), true, 0.7);

        Aggregate.Outcome outcome = merge(shard1, shard2, third.outputDirectory());

        assertThat(outcome.suite().experiments()).extracting(ExperimentSpec::seeds)
                .containsExactly(List.of(1L, 2L, 3L), List.of(1L, 2L));
        assertThat(outcome.missing()).isEmpty();
        assertThat(ResultsSet.read(List.of(target)).experiment("labeled-10pct").seeds()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDirectoryThatIsNotThereFails() {
        assertThatThrownBy(() -> merge(shard1, tmp.resolve("shard-3")))
                .isInstanceOf(Aggregate.AggregateException.class)
                .hasMessage("resultDirectories: " + tmp.resolve("shard-3").toAbsolutePath() + " is not a directory");
        assertThatThrownBy(() -> Aggregate.merge(List.of(), target, progress))
                .isInstanceOf(Aggregate.AggregateException.class).hasMessageStartingWith("resultDirectories: none given");
    }

    @Test
    void anUnreadableResultFailsNamingTheFile() throws IOException {
        Path broken = RunDirectory.of(shard2, "labels-10", 2).result();
        Files.writeString(broken, "{ truncated");

        assertThatThrownBy(() -> merge(shard1, shard2))
                .isInstanceOf(Aggregate.AggregateException.class)
                .hasMessageStartingWith(broken.toAbsolutePath() + " cannot be read as a result file");
    }
}
