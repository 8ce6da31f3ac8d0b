package io.github.ssgan.run;

import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.spec.Algorithm;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.SpecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.data.Dataset;
import io.github.ssgan.data.LabeledImages;
import io.github.ssgan.results.ClassifierExport;
import io.github.ssgan.results.MetricsCsv;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.training.Checkpoint;
import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.training.Trainer;
import io.github.ssgan.training.TrainingDivergedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine end to end on a tiny synthetic digit set (4×4 pixels): reproducibility, resume after a kill,
 * up-to-date detection, bad input and the exported classifier.
 */
class SuiteRunnerTest {
    private static Dataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void syntheticDigits() {
        data = syntheticData();
    }

    /** 400 training and 100 test images of {@link #images}: the engine's tests' data set. */
    static Dataset syntheticData() {
        return new Dataset("synthetic", images(400, 1), images(100, 2), Map.of("synthetic", "none"));
    }

    /** Class c lights pixel c brightly and pixel c+6 dimly, over uniform background noise. */
    static LabeledImages images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] pixels = new float[n * 16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int p = 0; p < 16; p++) {
                pixels[i * 16 + p] = (float) (0.3 * r.nextDouble());
            }
            pixels[i * 16 + labels[i]] = 1f;
            pixels[i * 16 + labels[i] + 6] = 0.6f;
        }
        return new LabeledImages(Nd4j.create(pixels, new long[] {n, 16}, 'c'), labels, 10);
    }

    private static ExperimentSpec experiment(String id, double learningRate, int epochs) {
        return new ExperimentSpec(id, 0.1, null, epochs, List.of(7L), 50, learningRate, GeneratorLoss.FEATURE_MATCHING, 1.0);
    }

    @Test
    void aPausedEpochDoesNotMoveTheEta() {
        RunSpec run = new RunSpec(experiment("e", 0.003, 20), 7, 0, 0, 1);
        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = 1; epoch <= 10; epoch++) {
            // epoch 9 stood still for ten minutes (a stopped process, a busy machine)
            history.add(new EpochMetrics(epoch, 0, 0, 0, 0, 0, epoch == 9 ? 600 : 30));
        }
        String line = SuiteRunner.progressLine(run, history.get(9), history);
        // ten epochs left at 30 s each
        assertThat(line).contains("[e/seed-7] epoch 10/20").endsWith("30.0 s/epoch  ETA 5m00s");
    }

    private SuiteSpec suite(Path out, ExperimentSpec... experiments) {
        return new SuiteSpec(List.of(experiments), 0, 0, 2, 2, out, false, false);
    }

    static List<String> withoutSeconds(Path metrics) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            rows.add(line.substring(0, line.lastIndexOf(',')));
        }
        return rows;
    }

    private static Path run(SuiteSpec suite) {
        return RunDirectory.of(suite.outputDirectory(), suite.runs().get(0)).path();
    }

    @Test
    void averagingDecayChangesTheEvaluatedClassifierNotTheTraining() {
        Trainer usual = new Trainer(new RunSpec(experiment("e", 0.003, 2), 7, 0, 0, 1), data);
        Trainer shortAverage = new Trainer(new RunSpec(new ExperimentSpec("e", 0.1, null, 2, List.of(7L), 50, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0, 0.5, Algorithm.LATEST), 7, 0, 0, 1), data);
        Trainer noAverage = new Trainer(new RunSpec(new ExperimentSpec("e", 0.1, null, 2, List.of(7L), 50, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0, 0.0, Algorithm.LATEST), 7, 0, 0, 1), data);
        for (int epoch = 0; epoch < 2; epoch++) {
            EpochMetrics m = usual.trainEpoch(0, null);
            for (Trainer other : List.of(shortAverage, noAverage)) {
                EpochMetrics o = other.trainEpoch(0, null);
                assertThat(List.of(o.lossLabeled(), o.lossUnlabeled(), o.lossGenerator(), o.trainAccuracy()))
                        .isEqualTo(List.of(m.lossLabeled(), m.lossUnlabeled(), m.lossGenerator(), m.trainAccuracy()));
            }
        }

        for (Trainer other : List.of(shortAverage, noAverage)) {
            assertThat(other.state().discriminator()).isEqualTo(usual.state().discriminator());
            assertThat(other.state().generator()).isEqualTo(usual.state().generator());
        }
        assertThat(shortAverage.state().averagedDiscriminator()).isNotEqualTo(usual.state().averagedDiscriminator());
        // decay 0 evaluates the latest weights themselves
        assertThat(noAverage.state().averagedDiscriminator()).isEqualTo(noAverage.state().discriminator());
    }

    @Test
    void everyAlgorithmVersionRepeatsItselfAndTheVersionsDiffer() {
        List<List<Double>> byVersion = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            List<List<Double>> twice = new ArrayList<>();
            for (int repeat = 0; repeat < 2; repeat++) {
                Trainer trainer = new Trainer(new RunSpec(new ExperimentSpec("e", 0.1, null, 1, List.of(7L), 50, 0.003,
                        GeneratorLoss.FEATURE_MATCHING, 1.0, null, algorithm), 7, 0, 0, 1), data);
                EpochMetrics m = trainer.trainEpoch(0, null);
                twice.add(List.of(m.lossLabeled(), m.lossUnlabeled(), m.lossGenerator(), m.testAccuracy()));
            }
            assertThat(twice.get(1)).as(algorithm.id).isEqualTo(twice.get(0));
            byVersion.add(twice.get(0));
        }
        assertThat(byVersion).doesNotHaveDuplicates();
    }

    @Test
    void sameSpecAndSeedGiveIdenticalMetricsAndResumingAfterAKillChangesNothing() throws IOException {
        SuiteSpec straight = suite(tmp.resolve("a"), experiment("e", 0.003, 3));
        new SuiteRunner(straight, ProgressLog.SILENT).run(data);
        SuiteSpec again = suite(tmp.resolve("b"), experiment("e", 0.003, 3));
        new SuiteRunner(again, ProgressLog.SILENT).run(data);
        List<String> reference = withoutSeconds(run(straight).resolve(RunDirectory.METRICS));
        assertThat(reference).hasSize(4).first().isEqualTo(MetricsCsv.HEADER.substring(0, MetricsCsv.HEADER.lastIndexOf(',')));
        assertThat(withoutSeconds(run(again).resolve(RunDirectory.METRICS))).isEqualTo(reference);

        SuiteSpec killed = suite(tmp.resolve("c"), experiment("e", 0.003, 3));
        SuiteRunner.EpochHook kill = (r, m) -> {
            if (m.epoch() == 2) {
                throw new IllegalStateException("killed");
            }
        };
        assertThatThrownBy(() -> new SuiteRunner(killed, ProgressLog.SILENT, kill).run(data)).hasMessage("killed");
        assertThat(run(killed).resolve(RunDirectory.RESULT)).doesNotExist();
        assertThat(Checkpoint.read(run(killed).resolve(RunDirectory.CHECKPOINT)).state().epoch()).isEqualTo(2);
        // a build killed mid-write leaves its temporary files (AtomicFiles): the next holder of the lock deletes them
        Path leftCheckpoint = run(killed).resolve(".checkpoint.zip123.tmp");
        Path leftSample = run(killed).resolve(RunDirectory.SAMPLES).resolve(".epoch-0003.png456.tmp");
        Files.write(leftCheckpoint, new byte[1_500_000]);
        Files.write(leftSample, new byte[100_000]);

        List<String> log = new ArrayList<>();
        new SuiteRunner(killed, recording(log)).run(data);
        assertThat(log).anyMatch(l -> l.contains("resuming after epoch 2 of 3"));
        assertThat(log).contains("[e/seed-7] deleted 1.6 MB of temporary files that a build killed mid-write left in "
                + RunDirectory.of(killed.outputDirectory(), killed.runs().get(0)));
        assertThat(leftCheckpoint).doesNotExist();
        assertThat(leftSample).doesNotExist();
        assertThat(withoutSeconds(run(killed).resolve(RunDirectory.METRICS))).isEqualTo(reference);
        assertThat(RunResult.read(run(killed).resolve(RunDirectory.RESULT)).testAccuracy()).isEqualTo(RunResult.read(run(straight).resolve(RunDirectory.RESULT)).testAccuracy());
    }

    @Test
    void anUnreadableCheckpointIsKeptAsideWithAWarningAndTheRunStartsOver() throws IOException {
        SuiteSpec straight = suite(tmp.resolve("a"), experiment("e", 0.003, 3));
        new SuiteRunner(straight, ProgressLog.SILENT).run(data);
        List<String> reference = withoutSeconds(run(straight).resolve(RunDirectory.METRICS));

        SuiteSpec killed = suite(tmp.resolve("c"), experiment("e", 0.003, 3));
        SuiteRunner.EpochHook kill = (r, m) -> {
            if (m.epoch() == 2) {
                throw new IllegalStateException("killed");
            }
        };
        assertThatThrownBy(() -> new SuiteRunner(killed, ProgressLog.SILENT, kill).run(data)).hasMessage("killed");
        RunDirectory dir = RunDirectory.of(killed.outputDirectory(), killed.runs().get(0));
        byte[] whole = Files.readAllBytes(dir.checkpoint());
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2); // e.g. a full disk
        Files.write(dir.checkpoint(), truncated);

        List<String> info = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        new SuiteRunner(killed, recording(info, warnings)).run(data);
        assertThat(warnings).singleElement().asString()
                .startsWith("[e/seed-7] checkpoint " + dir.checkpoint() + " is unreadable (in ")
                .contains("EOFException: Unexpected end of ZLIB input stream")
                .endsWith("); it is kept as " + dir.corruptCheckpoint() + ", and the run starts over from epoch 1");
        assertThat(dir.corruptCheckpoint()).hasBinaryContent(truncated);
        assertThat(info).noneMatch(l -> l.contains("resuming")).anyMatch(l -> l.contains("[e/seed-7] epoch 1/3"));
        assertThat(Checkpoint.read(dir.checkpoint()).state().epoch()).isEqualTo(3);
        assertThat(withoutSeconds(dir.metrics())).isEqualTo(reference);
        assertThat(dir.readResult().testAccuracy()).isEqualTo(RunResult.read(run(straight).resolve(RunDirectory.RESULT)).testAccuracy());
    }

    /**
     * Two builds on one output directory (in one JVM here, as two threads; RunLockTest and the concurrent-builds IT
     * have separate processes): one trains, the other waits for its lock, then finds the run up to date.
     */
    @Test
    void twoBuildsOnOneOutputDirectoryTrainEachEpochOnceAndAgree() throws Exception {
        SuiteSpec alone = suite(tmp.resolve("alone"), experiment("e", 0.003, 2));
        new SuiteRunner(alone, ProgressLog.SILENT).run(data);
        SuiteSpec shared = suite(tmp.resolve("shared"), experiment("e", 0.003, 2));
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        // the holder finishes its first epoch only once the other build waits, so that they surely overlap
        SuiteRunner.EpochHook holdUntilTheOtherWaits = (r, m) -> {
            try {
                assertThat(waiting.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("the other build waits").isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        List<List<String>> logs = List.of(new java.util.concurrent.CopyOnWriteArrayList<>(),
                new java.util.concurrent.CopyOnWriteArrayList<>());
        List<java.util.concurrent.CompletableFuture<RunResult>> builds = new ArrayList<>();
        for (List<String> log : logs) {
            ProgressLog recording = signalling(log, "waiting for another build", waiting);
            builds.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> new SuiteRunner(shared, recording, holdUntilTheOtherWaits).run(data).get(0)));
        }
        List<RunResult> results = new ArrayList<>();
        for (var build : builds) {
            results.add(build.get(120, java.util.concurrent.TimeUnit.SECONDS));
        }

        List<String> all = logs.stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(l -> l.contains("waiting for another build")).singleElement().asString()
                .startsWith("[e/seed-7] waiting for another build that is writing this run: pid "
                        + ProcessHandle.current().pid() + " ")
                .endsWith(" (in this JVM) (lock " + RunDirectory.of(shared.outputDirectory(), shared.runs().get(0)).lock() + ")");
        assertThat(all).filteredOn(l -> l.contains("] epoch 1/2")).hasSize(1);
        assertThat(all).filteredOn(l -> l.contains("] epoch 2/2")).hasSize(1);
        assertThat(all).filteredOn(l -> l.contains("] up to date")).hasSize(1);
        assertThat(all).noneMatch(l -> l.startsWith("WARN"));
        assertThat(withoutSeconds(run(shared).resolve(RunDirectory.METRICS)))
                .isEqualTo(withoutSeconds(run(alone).resolve(RunDirectory.METRICS)));
        // one result as trained, the other as read back from result.json
        assertThat(results.get(0).history()).isEqualTo(results.get(1).history());
    }

    @Test
    void upToDateRunsAreSkippedAndChangedSettingsOrForceRetrain() throws IOException {
        SuiteSpec first = suite(tmp, experiment("e", 0.003, 2));
        new SuiteRunner(first, ProgressLog.SILENT).run(data);
        Path result = run(first).resolve(RunDirectory.RESULT);
        String before = Files.readString(result);

        List<String> log = new ArrayList<>();
        new SuiteRunner(first, recording(log)).run(data);
        assertThat(log).anyMatch(l -> l.contains("up to date"));
        assertThat(Files.readString(result)).isEqualTo(before);

        // more epochs: continues from the checkpoint of epoch 2 instead of starting over
        log.clear();
        new SuiteRunner(suite(tmp, experiment("e", 0.003, 3)), recording(log)).run(data);
        assertThat(log).anyMatch(l -> l.contains("resuming after epoch 2 of 3"));
        assertThat(RunResult.read(run(first).resolve(RunDirectory.RESULT)).history()).hasSize(3);

        // another learning rate: a different configHash, so the checkpoint is not resumed
        log.clear();
        new SuiteRunner(suite(tmp, experiment("e", 0.002, 2)), recording(log)).run(data);
        assertThat(log).noneMatch(l -> l.contains("resuming")).noneMatch(l -> l.contains("up to date"));
        assertThat(RunResult.read(run(first).resolve(RunDirectory.RESULT)).history()).hasSize(2);

        log.clear();
        SuiteSpec forced = new SuiteSpec(List.of(experiment("e", 0.002, 2)), 0, 0, 2, 2, tmp, false, true);
        new SuiteRunner(forced, recording(log)).run(data);
        assertThat(log).noneMatch(l -> l.contains("up to date"));
    }

    /**
     * From /3 on the thread count is part of the config hash: a run is not up to date, and its checkpoint is not
     * resumed, under another count (another computation); /2's hash leaves it out, so its checkpoint still resumes.
     */
    @Test
    void aCheckpointIsResumedUnderAnotherThreadCountOnlyWhereTheVersionDoesNotHashIt() throws IOException {
        for (Algorithm algorithm : new Algorithm[] {Algorithm.V2, Algorithm.V3}) {
            Path out = tmp.resolve(algorithm.name());
            ExperimentSpec three = new ExperimentSpec("e", 0.1, null, 3, List.of(7L), 50, 0.003,
                    GeneratorLoss.FEATURE_MATCHING, 1.0, null, algorithm);
            SuiteSpec oneThread = new SuiteSpec(List.of(three), 0, 0, 2, 1, out, false, false);
            SuiteRunner.EpochHook kill = (r, m) -> {
                if (m.epoch() == 2) {
                    throw new IllegalStateException("killed");
                }
            };
            assertThatThrownBy(() -> new SuiteRunner(oneThread, ProgressLog.SILENT, kill).run(data)).hasMessage("killed");
            SuiteSpec twoThreads = new SuiteSpec(List.of(three), 0, 0, 2, 2, out, false, false);
            List<String> log = new ArrayList<>();
            new SuiteRunner(twoThreads, recording(log)).run(data);
            if (algorithm.hashesThreads()) {
                assertThat(log).as(algorithm.id).noneMatch(l -> l.contains("resuming"))
                        .anyMatch(l -> l.contains("[e/seed-7] epoch 1/3"));
                RunResult result = RunResult.read(run(twoThreads).resolve(RunDirectory.RESULT));
                assertThat(result.config()).containsEntry("threads", 2);
                // and the finished run is not up to date for one thread
                log.clear();
                new SuiteRunner(new SuiteSpec(List.of(three), 0, 0, 2, 1, out, false, false), recording(log)).run(data);
                assertThat(log).noneMatch(l -> l.contains("up to date")).anyMatch(l -> l.contains("[e/seed-7] epoch 1/3"));
            } else {
                assertThat(log).as(algorithm.id).anyMatch(l -> l.contains("resuming after epoch 2 of 3"));
            }
        }
        SuiteRunner.configureThreads(2);
    }

    @Test
    void shardsTrainDisjointSharesWithTheNumbersOfTheWholeSuite() throws IOException {
        List<ExperimentSpec> experiments = List.of(experiment("a", 0.003, 2), experiment("b", 0.003, 1));
        SuiteSpec whole = new SuiteSpec(experiments, 0, 0, 2, 2, tmp.resolve("whole"), true, false);
        new SuiteRunner(whole, ProgressLog.SILENT).run(data);

        List<Path> trained = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            SuiteSpec shard = new SuiteSpec(experiments, 0, 0, 2, 2, tmp.resolve("shard-" + i), true, false,
                    new Shard(i, 2));
            List<String> log = new ArrayList<>();
            List<RunResult> results = new SuiteRunner(shard, recording(log)).run(data);
            // a (2 epochs) outweighs b (1 epoch): each shard gets one GAN run with its baseline
            assertThat(results).hasSize(2);
            assertThat(log.get(0)).startsWith("shard " + i + "/2: 2 of 4 runs (");
            assertThat(log.get(1)).startsWith("2 run(s) on ");
            for (RunDirectory dir : RunDirectory.list(shard.outputDirectory())) {
                RunDirectory reference = RunDirectory.of(whole.outputDirectory(), dir.experiment(), dir.seed(),
                        dir.supervised());
                assertThat(withoutSeconds(dir.metrics())).isEqualTo(withoutSeconds(reference.metrics()));
                assertThat(dir.readResult().configHash()).isEqualTo(reference.readResult().configHash());
                trained.add(whole.outputDirectory().resolve(shard.outputDirectory().relativize(dir.path())));
            }
        }
        assertThat(trained).containsExactlyInAnyOrderElementsOf(
                RunDirectory.list(whole.outputDirectory()).stream().map(RunDirectory::path).toList());
    }

    /**
     * parallelRuns: the training JVMs side by side share the suite's runs, each taking the next one no other is
     * training (here two at once, on two Java threads of this JVM; the parallel-runs IT forks real JVMs): each run
     * trained once, with the same numbers as one after the other.
     */
    @Test
    void runsTrainedSideBySideInPartsGiveTheNumbersOfOneAfterTheOther() throws Exception {
        List<ExperimentSpec> experiments = new ArrayList<>();
        for (String id : new String[] {"a", "b"}) {
            experiments.add(new ExperimentSpec(id, 0.1, null, 2, List.of(7L, 8L), 50, 0.003,
                    GeneratorLoss.FEATURE_MATCHING, 1.0, null, Algorithm.V3));
        }
        SuiteSpec one = new SuiteSpec(experiments, 0, 0, 2, 1, tmp.resolve("one"), true, false, Shard.ALL, 1, Shard.ALL);
        new SuiteRunner(one, ProgressLog.SILENT).run(data);
        SuiteSpec two = new SuiteSpec(experiments, 0, 0, 2, 1, tmp.resolve("two"), true, false, Shard.ALL, 2, Shard.ALL);
        List<List<String>> logs = List.of(new java.util.concurrent.CopyOnWriteArrayList<>(),
                new java.util.concurrent.CopyOnWriteArrayList<>());
        List<Thread> jvms = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 1; i <= 2; i++) {
            SuiteSpec part = two.withPart(new Shard(i, 2));
            List<String> log = logs.get(i - 1);
            Thread t = new Thread(() -> new SuiteRunner(part, recording(log)).run(data));
            t.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
            jvms.add(t);
            t.start();
        }
        for (Thread t : jvms) {
            t.join();
        }
        assertThat(failures).isEmpty();
        for (int i = 1; i <= 2; i++) {
            // each names itself, and leaves the table to the one that forked them
            assertThat(logs.get(i - 1).get(0)).isEqualTo("training JVM " + i + "/2: takes the suite's runs in order of"
                    + " cost, skipping those another JVM is training");
            assertThat(logs.get(i - 1)).noneMatch(l -> l.contains("test accuracy") && l.contains("|"));
        }
        // each run trained once, by one JVM or the other
        assertThat(logs.stream().flatMap(List::stream).filter(l -> l.contains("] epoch 1/2")))
                .map(l -> l.substring(0, l.indexOf(']') + 1)).hasSize(8).doesNotHaveDuplicates();
        List<RunDirectory> trained = RunDirectory.list(two.outputDirectory());
        assertThat(trained).hasSize(8);
        for (RunDirectory dir : trained) {
            RunDirectory reference = RunDirectory.of(one.outputDirectory(), dir.experiment(), dir.seed(), dir.supervised());
            assertThat(withoutSeconds(dir.metrics())).as(dir.path().toString()).isEqualTo(withoutSeconds(reference.metrics()));
            assertThat(dir.readResult().configHash()).isEqualTo(reference.readResult().configHash());
        }
        SuiteRunner.configureThreads(2);
    }

    /** Two GAN runs of unequal cost, as two training JVMs side by side are given them: JVM {@code i} of 2. */
    private static SuiteSpec sideBySide(Path out, int i, boolean force) {
        return new SuiteSpec(List.of(experiment("a", 0.003, 1), experiment("b", 0.003, 2)), 0, 0, 2, 2, out, false,
                force, Shard.ALL, 2, new Shard(i, 2));
    }

    private static int firstIndex(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + " in " + log);
    }

    /** A JVM side by side has no share of its own: alone (its sibling died, or has finished), it trains every run. */
    @Test
    void aJvmSideBySideTakesEveryRunNoOtherIsTrainingLargestFirst() {
        SuiteSpec first = sideBySide(tmp, 1, false);
        List<String> log = new ArrayList<>();
        List<RunResult> results = new SuiteRunner(first, recording(log)).run(data);

        assertThat(results).extracting(RunResult::experiment).containsExactly("a", "b");
        assertThat(log.get(0)).isEqualTo("training JVM 1/2: takes the suite's runs in order of cost, skipping those"
                + " another JVM is training");
        assertThat(log.get(1)).startsWith("2 run(s) on ");
        // b (2 epochs) before a (1 epoch)
        assertThat(firstIndex(log, "[b/seed-7] epoch 2/2")).isLessThan(firstIndex(log, "[a/seed-7] epoch 1/1"));
        assertThat(log).noneMatch(l -> l.contains("waiting for"));
        for (RunSpec run : first.runs()) {
            assertThat(RunDirectory.of(tmp, run).readResult()).as(run.id()).isNotNull();
        }

        // its sibling, coming later, finds them all up to date, and leaves saying so to JVM 1, which walks the same
        // runs: a restarted grid's log names each finished run once, not once per JVM
        log.clear();
        assertThat(new SuiteRunner(sideBySide(tmp, 2, false), recording(log)).run(data))
                .extracting(RunResult::history).isEqualTo(results.stream().map(RunResult::history).toList());
        assertThat(log).noneMatch(l -> l.contains("] up to date")).noneMatch(l -> l.contains("] epoch "));
        log.clear();
        new SuiteRunner(first, recording(log)).run(data);
        assertThat(log).filteredOn(l -> l.contains("] up to date")).hasSize(2);
        assertThat(log).noneMatch(l -> l.contains("] epoch "));
    }

    /**
     * A run whose lock is held (another JVM side by side is training it) is passed by: the JVM trains the others
     * first, then waits for it, and trains it itself if it is not up to date once the lock is free.
     */
    @Test
    void aJvmSideBySidePassesByAHeldRunAndWaitsForItLast() throws Exception {
        SuiteSpec first = sideBySide(tmp, 1, false);
        RunDirectory held = RunDirectory.of(tmp, first.runs().get(1));
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<RunResult> results = runWhileHeld(first, 1, 0, log);

        String wait = log.stream().filter(l -> l.contains("waiting for")).findFirst().orElseThrow();
        assertThat(wait).startsWith("[b/seed-7] waiting for another training JVM or build that is writing this run: pid "
                + ProcessHandle.current().pid() + " ").endsWith(" (in this JVM) (lock " + held.lock() + ")");
        assertThat(firstIndex(log, "[a/seed-7] epoch 1/1")).isLessThan(log.indexOf(wait));
        assertThat(log.indexOf(wait)).isLessThan(firstIndex(log, "[b/seed-7] epoch 1/2"));
        assertThat(held.readResult().history()).isEqualTo(results.get(1).history());
    }

    /**
     * A lone JVM passes a held run by as well (another build on this output directory is training it): it trains the
     * next runs in the POM's order meanwhile, then waits for the held one, so two builds on one directory share the
     * work instead of one waiting behind the other for every run.
     */
    @Test
    void aLoneJvmPassesByARunAnotherBuildHoldsAndWaitsForItLast() throws Exception {
        SuiteSpec lone = suite(tmp, experiment("a", 0.003, 1), experiment("b", 0.003, 2));
        RunDirectory held = RunDirectory.of(tmp, lone.runs().get(0));
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<RunResult> results = runWhileHeld(lone, 0, 1, log);

        String wait = log.stream().filter(l -> l.contains("waiting for")).findFirst().orElseThrow();
        assertThat(wait).startsWith("[a/seed-7] waiting for another build that is writing this run: pid ");
        assertThat(firstIndex(log, "[b/seed-7] epoch 2/2")).isLessThan(log.indexOf(wait));
        assertThat(log.indexOf(wait)).isLessThan(firstIndex(log, "[a/seed-7] epoch 1/1"));
        assertThat(held.readResult().history()).isEqualTo(results.get(0).history());
    }

    /**
     * Runs the suite (experiments a and b) while this test holds run {@code held}'s lock, as another JVM or build
     * would; checks that run {@code other} was trained meanwhile and that the suite waits for the held one, then
     * releases it. Returns the results once the suite is done.
     */
    private List<RunResult> runWhileHeld(SuiteSpec suite, int held, int other, List<String> log) throws Exception {
        RunDirectory heldDir = RunDirectory.of(tmp, suite.runs().get(held));
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        ProgressLog recording = signalling(log, "waiting for", waiting);
        java.util.concurrent.CompletableFuture<List<RunResult>> build;
        try (RunLock lock = RunLock.acquire(heldDir.lock(), holder -> {
            throw new AssertionError("nobody holds it yet");
        })) {
            build = java.util.concurrent.CompletableFuture.supplyAsync(() -> new SuiteRunner(suite, recording).run(data));
            assertThat(waiting.await(120, java.util.concurrent.TimeUnit.SECONDS)).as("it waits for the held run").isTrue();
            assertThat(build).isNotDone();
            assertThat(RunDirectory.of(tmp, suite.runs().get(other)).readResult()).as("trained meanwhile").isNotNull();
            assertThat(heldDir.readResult()).isNull();
        }
        List<RunResult> results = build.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(results).extracting(RunResult::experiment).containsExactly("a", "b");
        assertThat(log).noneMatch(l -> l.startsWith("WARN"));
        return results;
    }

    /** Forced, a run another JVM retrained in this build cannot be told from an older one: each retrains a share. */
    @Test
    void forcedJvmsSideBySideEachRetrainAFixedShare() {
        List<String> log = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            new SuiteRunner(sideBySide(tmp, i, true), recording(log)).run(data);
        }
        assertThat(log).filteredOn(l -> l.startsWith("training JVM ")).containsExactly(
                "training JVM 1/2: 1 of 2 runs (b/seed-7), 67 % of the cost (epochs × training images); forced, each"
                        + " JVM side by side retrains a fixed share",
                "training JVM 2/2: 1 of 2 runs (a/seed-7), 33 % of the cost (epochs × training images); forced, each"
                        + " JVM side by side retrains a fixed share");
        assertThat(log).filteredOn(l -> l.contains("] epoch 1/")).hasSize(2);
    }

    @Test
    void writesTheDocumentedFilesAndALoadableClassifier() throws IOException {
        SuiteSpec suite = suite(tmp, experiment("e", 0.003, 2));
        RunResult result = new SuiteRunner(suite, ProgressLog.SILENT).run(data).get(0);
        Path dir = run(suite);
        assertThat(dir.resolve("samples/epoch-0001.png")).exists();
        assertThat(dir.resolve("samples/epoch-0002.png")).exists();
        assertThat(io.github.ssgan.results.Confusion.read(dir.resolve(RunDirectory.CONFUSION)).accuracy())
                .isEqualTo(result.testAccuracy());
        assertThat(tmp.resolve("site")).as("train writes results only; the page is ssgan:report's").doesNotExist();
        assertThat(result.labeledCount()).isEqualTo(40);
        assertThat(result.history()).hasSize(2);
        assertThat(result.configHash()).hasSize(64);
        assertThat(result.provenance().threads()).isEqualTo(2);
        assertThat(result.config()).containsEntry("epochs", 2).containsEntry("seed", 7L);

        MultiLayerNetwork net = ClassifierExport.read(dir.resolve(RunDirectory.MODEL));
        int[] predicted = net.output(data.test().images()).argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == data.test().labels()[i] ? 1 : 0;
        }
        assertThat((double) correct / predicted.length).isEqualTo(result.testAccuracy());
        assertThat(result.testAccuracy()).isGreaterThan(0.5);
    }

    @Test
    void labelsPerClassLargerThanAClassFailsBeforeAnythingIsWritten() {
        ExperimentSpec tooMany = new ExperimentSpec("big", null, 41, 1, List.of(1L), 50, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0);
        assertThatThrownBy(() -> new SuiteRunner(suite(tmp.resolve("out"), tooMany), ProgressLog.SILENT).run(data))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("labelsPerClass")
                .hasMessageContaining("40");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aDivergingRunStopsWithAClearErrorAndKeepsItsLastGoodCheckpoint() {
        SuiteSpec suite = suite(tmp, experiment("e", 0.003, 1));
        new SuiteRunner(suite, ProgressLog.SILENT).run(data);
        byte[] checkpoint = readBytes(run(suite).resolve(RunDirectory.CHECKPOINT));
        // same directory, one more epoch with an absurd learning rate: a new configHash, trained from scratch
        SuiteSpec exploding = suite(tmp, experiment("e", 1e30, 1));
        assertThatThrownBy(() -> new SuiteRunner(exploding, ProgressLog.SILENT).run(data))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("diverged")
                .hasMessageContaining("e/seed-7");
        assertThat(readBytes(run(suite).resolve(RunDirectory.CHECKPOINT))).isEqualTo(checkpoint);
    }

    private static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ProgressLog recording(List<String> info, List<String> warnings) {
        return new ProgressLog() {
            @Override
            public void info(String message) {
                info.add(message);
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
    }

    /** Records the lines (warnings marked WARN) and counts {@code seen} down at the first one holding {@code text}. */
    private static ProgressLog signalling(List<String> lines, String text, java.util.concurrent.CountDownLatch seen) {
        return new ProgressLog() {
            @Override
            public void info(String message) {
                lines.add(message);
                if (message.contains(text)) {
                    seen.countDown();
                }
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }
        };
    }

    static ProgressLog recording(List<String> lines) {
        return new ProgressLog() {
            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add(message);
            }
        };
    }
}
