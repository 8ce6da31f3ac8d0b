package io.github.ssgan.run;

import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.ShardAssignment;
import io.github.ssgan.spec.SuiteSpec;

import io.github.ssgan.data.Dataset;
import io.github.ssgan.results.ClassifierExport;
import io.github.ssgan.results.MetricsCsv;
import io.github.ssgan.results.Provenance;
import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.results.Statistics;
import io.github.ssgan.results.SampleSheet;
import io.github.ssgan.results.SummaryReport;
import io.github.ssgan.model.ParallelLoop;
import io.github.ssgan.training.Checkpoint;
import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.results.Format;
import io.github.ssgan.training.LabeledSubset;
import io.github.ssgan.training.Trainer;
import io.github.ssgan.training.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs every run of a suite, or of its shard ({@link SuiteSpec#shardRuns()}): each (experiment, seed) and its
 * supervised baseline. Skips runs whose result is up to date, resumes checkpointed ones, writes metrics, samples, the
 * classifier, the confusion matrix and result.json per run, then logs the accuracy table. Each run is written by one
 * build at a time ({@link RunLock}); the training JVMs side by side ({@link SuiteSpec#part()}), and builds on one
 * output directory, share the runs through those locks.
 */
public final class SuiteRunner {
    private final SuiteSpec suite;
    private final ProgressLog log;
    private final EpochHook hook;

    /** Called after each epoch's files are written; tests use it to simulate a killed build. */
    @FunctionalInterface
    public interface EpochHook {
        void afterEpoch(RunSpec run, EpochMetrics metrics);
    }

    public SuiteRunner(SuiteSpec suite, ProgressLog log) {
        this(suite, log, (run, metrics) -> { });
    }

    public SuiteRunner(SuiteSpec suite, ProgressLog log, EpochHook hook) {
        this.suite = suite;
        this.log = log;
        this.hook = hook;
    }

    /** Sets ND4J's OpenMP and BLAS thread counts and the Java loops': results are reproducible for a fixed count. */
    public static void configureThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        ParallelLoop.setThreads(threads);
    }

    /**
     * Validates the whole suite against the data before any run starts, so bad input fails the build without
     * touching earlier results.
     */
    public Dataset prepare(Dataset full) {
        suite.validate();
        Dataset data = full.limit(suite.trainLimit(), suite.testLimit());
        for (ExperimentSpec e : suite.experiments()) {
            LabeledSubset.checkFits(e, data.train(), e.seeds().get(0));
        }
        return data;
    }

    public List<RunResult> run(Dataset full) {
        Dataset data = prepare(full);
        configureThreads(suite.threads());
        Provenance provenance = Provenance.capture(suite.threads());
        List<RunSpec> runs = suite.shardRuns();
        if (suite.shard().isPartial()) {
            log.info(suite.shardAssignment().summary(suite.shard()));
        }
        boolean sideBySide = suite.part().isPartial();
        if (sideBySide && suite.force()) {
            // forced, a run another JVM has retrained in this build looks like any older result: a share of its own
            runs = suite.partAssignment().runs(suite.part());
            log.info("training JVM " + suite.partAssignment().summary(suite.part()).substring("shard ".length())
                    + "; forced, each JVM side by side retrains a fixed share");
        } else if (sideBySide) {
            log.info("training JVM " + suite.part() + ": takes the " + (suite.shard().isPartial() ? "shard" : "suite")
                    + "'s runs in order of cost, skipping those another JVM is training");
        }
        log.info(String.format(Locale.ROOT, "%d run(s) on %d training / %d test images, %d thread(s), output %s",
                runs.size(), data.train().size(), data.test().size(), suite.threads(), suite.outputDirectory()));
        List<RunResult> results = new ArrayList<>();
        if (suite.force()) {
            // forced, a run is retrained even if another build has just written it: passing one by saves nothing
            for (RunSpec run : runs) {
                results.add(runOne(run, data, provenance, "another build"));
            }
        } else if (sideBySide) {
            results.addAll(takeInTurn(ShardAssignment.inCostOrder(runs), runs, data, provenance,
                    "another training JVM or build"));
        } else {
            results.addAll(takeInTurn(runs, runs, data, provenance, "another build"));
        }
        if (!sideBySide) {
            // side by side, the JVM that forked them all logs the table of the whole shard
            ResultsSet summary = ResultsSet.of(results);
            for (String line : SummaryReport.table(summary).split("\n")) {
                log.info(line);
            }
        }
        return results;
    }

    /**
     * Takes the runs in {@code order}: trains each one that is not up to date and whose lock is free, and passes by one
     * whose lock is held (another JVM side by side is training it, or another build on this output directory). Then
     * it waits for those it passed by, and finds them up to date or resumes them if their holder stopped. So every
     * JVM and build on one output directory keeps busy until no run is left to start, however the finished runs of a
     * resumed grid lie. The JVMs side by side walk {@link ShardAssignment#inCostOrder} (the same order in each: long
     * runs first); a lone JVM walks the POM's order. {@code writer} names who may hold a lock, in the waiting line.
     * Results in the order of {@code runs}.
     */
    private List<RunResult> takeInTurn(List<RunSpec> order, List<RunSpec> runs, Dataset data, Provenance provenance,
            String writer) {
        Map<RunSpec, RunResult> results = new HashMap<>();
        List<RunSpec> held = new ArrayList<>();
        // side by side, every JVM walks the same runs: the first says which are up to date, once
        boolean saysUpToDate = !suite.part().isPartial() || suite.part().index() == 1;
        for (RunSpec run : order) {
            RunDirectory dir = RunDirectory.of(suite.outputDirectory(), run);
            RunResult existing = upToDate(run, dir, run.configHash(data.sha256()), saysUpToDate);
            if (existing != null) {
                results.put(run, existing);
                continue;
            }
            Optional<RunLock> lock = RunLock.tryAcquire(dir.lock());
            if (lock.isEmpty()) {
                held.add(run);
                continue;
            }
            try (RunLock mine = lock.get()) {
                results.put(run, runLocked(run, dir, data, provenance));
            }
        }
        for (RunSpec run : held) {
            results.put(run, runOne(run, data, provenance, writer));
        }
        return runs.stream().map(results::get).toList();
    }

    /**
     * One run, under its directory's lock: a second build on this output directory waits here, then finds the run up
     * to date or resumes from the checkpoint the first one left. {@code writer} names who holds it, in the log line.
     */
    private RunResult runOne(RunSpec run, Dataset data, Provenance provenance, String writer) {
        RunDirectory dir = RunDirectory.of(suite.outputDirectory(), run);
        try (RunLock lock = RunLock.acquire(dir.lock(), holder -> log.info(String.format(Locale.ROOT,
                "[%s] waiting for %s that is writing this run: %s (lock %s)", run.id(), writer, holder, dir.lock())))) {
            return runLocked(run, dir, data, provenance);
        }
    }

    /** The run's result if it is up to date and not forced, logged as up to date if {@code logged}; else null. */
    private RunResult upToDate(RunSpec run, RunDirectory dir, String hash, boolean logged) {
        if (suite.force() || !dir.isUpToDate(hash, run.epochs())) {
            return null;
        }
        RunResult existing = dir.readResult();
        if (logged) {
            log.info(UpToDateCheck.upToDateLine(run, hash, existing));
        }
        return existing;
    }

    private RunResult runLocked(RunSpec run, RunDirectory dir, Dataset data, Provenance provenance) {
        long freed = dir.deleteLeftovers();
        if (freed > 0) {
            log.info(String.format(Locale.ROOT, "[%s] deleted %.1f MB of temporary files that a build killed mid-write"
                    + " left in %s", run.id(), freed / 1e6, dir));
        }
        String hash = run.configHash(data.sha256());
        RunResult existing = upToDate(run, dir, hash, true);
        if (existing != null) {
            return existing;
        }
        Trainer trainer = new Trainer(run, data);
        List<EpochMetrics> history = new ArrayList<>();
        Checkpoint.Contents checkpoint = suite.force() ? null : readCheckpoint(run, dir);
        if (checkpoint != null && hash.equals(checkpoint.configHash()) && checkpoint.state().epoch() <= run.epochs()) {
            trainer.restore(checkpoint.state());
            history.addAll(checkpoint.history());
            log.info(String.format(Locale.ROOT, "[%s] resuming after epoch %d of %d", run.id(), trainer.completedEpochs(), run.epochs()));
        } else {
            log.info(String.format(Locale.ROOT, "[%s] %d labeled images, %d epochs of %d iterations",
                    run.id(), trainer.labeledCount(), run.epochs(), trainer.iterationsPerEpoch()));
        }
        while (trainer.completedEpochs() < run.epochs()) {
            EpochMetrics m;
            try {
                m = trainer.trainEpoch(0, null);
            } catch (TrainingDivergedException e) {
                throw new TrainingDivergedException(e.getMessage() + "; the last good checkpoint (epoch "
                        + trainer.completedEpochs() + ") is kept in " + dir);
            }
            history.add(m);
            // the checkpoint last: a build killed before it redoes this epoch and rewrites the same files
            if (!run.supervised() && (m.epoch() == 1 || m.epoch() == run.epochs() || m.epoch() % run.sampleEvery() == 0)) {
                SampleSheet.write(dir.sample(m.epoch()),
                        trainer.samples(), 10);
            }
            MetricsCsv.write(dir.metrics(), history);
            Checkpoint.write(dir.checkpoint(), hash, history, trainer.state());
            log.info(progressLine(run, m, history));
            hook.afterEpoch(run, m);
        }
        if (trainer.classifier().minibatchSegmentRows() == 0) {
            ClassifierExport.write(dir.model(), trainer.classifier());
        } else {
            // its logits depend on the other images of a batch: no plain network computes it; nor may an earlier
            // run's model stand beside this run's results
            try {
                Files.deleteIfExists(dir.model());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + dir.model(), e);
            }
            log.info(String.format(Locale.ROOT, "[%s] no %s: a classifier with minibatch discrimination is no plain"
                    + " dense network", run.id(), RunDirectory.MODEL));
        }
        trainer.confusion().write(dir.confusion());
        EpochMetrics last = history.get(history.size() - 1);
        Map<String, Object> config = new TreeMap<>(run.hashedSettings(data.sha256()));
        config.put("experiment", run.experiment().id());
        config.put("epochs", run.epochs());
        config.put("sampleEvery", run.sampleEvery());
        RunResult result = new RunResult(run.experiment().id(), run.seed(), trainer.labeledCount(),
                (double) trainer.labeledCount() / data.train().size(), run.epochs(), last.testAccuracy(),
                List.copyOf(history), hash, config,
                new RunResult.DatasetRecord(data.name(), data.train().size(), data.test().size(), data.sha256()),
                provenance, history.stream().mapToDouble(EpochMetrics::seconds).sum());
        result.write(dir.result());
        return result;
    }

    /**
     * The run's checkpoint, or null if it has none or it is unreadable. An unreadable one is set aside, not
     * overwritten by the new one, and named in a warning: it may hold hours of training.
     */
    private Checkpoint.Contents readCheckpoint(RunSpec run, RunDirectory dir) {
        try {
            return Checkpoint.read(dir.checkpoint());
        } catch (Checkpoint.UnreadableException e) {
            String kept;
            try {
                Files.move(dir.checkpoint(), dir.corruptCheckpoint(), StandardCopyOption.REPLACE_EXISTING);
                kept = "kept as " + dir.corruptCheckpoint();
            } catch (IOException moveFailed) {
                kept = "could not be set aside (" + moveFailed + ") and will be overwritten";
            }
            log.warn(String.format(Locale.ROOT, "[%s] checkpoint %s is unreadable (%s); it is %s, and the run starts over from epoch 1",
                    run.id(), dir.checkpoint(), e.reason(), kept));
            return null;
        }
    }

    /** The median of the last five epochs: one epoch slowed by a paused or busy machine does not move the ETA. */
    static String progressLine(RunSpec run, EpochMetrics m, List<EpochMetrics> history) {
        int recent = Math.min(history.size(), 5);
        double perEpoch = Statistics.median(history.subList(history.size() - recent, history.size()).stream()
                .mapToDouble(EpochMetrics::seconds).toArray());
        long eta = Math.round(perEpoch * (run.epochs() - m.epoch()));
        return String.format(Locale.ROOT,
                "[%s] epoch %d/%d  loss_labeled %.4f  loss_unlabeled %.4f  loss_generator %.4f  train %.2f%%  test %.2f%%  %.1f s/epoch  ETA %s",
                run.id(), m.epoch(), run.epochs(), m.lossLabeled(), m.lossUnlabeled(), m.lossGenerator(),
                100 * m.trainAccuracy(), 100 * m.testAccuracy(), m.seconds(), Format.duration(eta));
    }
}
