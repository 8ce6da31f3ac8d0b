package io.github.ssgan.run;

import io.github.ssgan.results.Format;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.AtomicFiles;
import io.github.ssgan.storage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges the output directories of several {@code train} invocations (the shards of a grid, downloaded CI
 * artifacts) into one output directory, which then reads as if one machine had trained everything: the report, the
 * check and a resumed {@code train} work on it unchanged.
 *
 * <p>Each run directory is copied whole, checkpoint included, but for its lock and a corrupt checkpoint set aside: a
 * finished run's checkpoint is what a later {@code train} with more epochs resumes from, and an unfinished run's is
 * what lets the merged directory resume it instead of starting over. The merged suite.json declares the union of the
 * experiments and seeds the inputs declared, so the runs no input finished are named as missing.
 *
 * <p>It refuses, before writing anything, what cannot be merged without choosing a winner: one run with two
 * different results (another configHash or epoch count) in two inputs, or a result in the target that differs from an
 * input's; one experiment declared with different settings, or different data limits. A run present in the target
 * with the same configHash and epochs is left as it is. Every file is written atomically, result.json last, under the
 * run's lock, so a merge and a {@code train} on the same directory take turns.
 */
public final class Aggregate {
    /**
     * Inputs that cannot be merged (conflicts, a missing directory). Nothing was written when it is thrown, unless a
     * {@code train} on the target finished a run differently while the merge was copying the others.
     */
    public static final class AggregateException extends RuntimeException {
        public AggregateException(String message) {
            super(message);
        }
    }

    /**
     * What a merge did, by run id ({@code experiment/seed-n}).
     *
     * @param copied  runs copied into the target (finished or not)
     * @param present runs the target already held the same (or a finished one, where an input's was unfinished)
     * @param missing declared runs without a result in the target after the merge
     * @param suite   the merged suite.json, or null when no input declared one
     */
    public record Outcome(List<String> copied, List<String> present, List<String> missing, SuiteSpec suite) {
    }

    private enum Action { COPY, REPLACE_UNFINISHED, PRESENT, KEEP_TARGET_UNFINISHED }

    private record Candidate(RunDirectory dir, RunResult result) {
        boolean finished() {
            return result != null;
        }
    }

    private record Step(String id, Candidate from, RunDirectory to, Action action) {
    }

    private Aggregate() {
    }

    /**
     * Merges {@code sources} into {@code target} (created if need be; it may already hold results, which are kept).
     *
     * @throws AggregateException naming both sides of a conflict, or a source that is not a directory
     */
    public static Outcome merge(List<Path> sources, Path target, ProgressLog log) {
        Path into = target.toAbsolutePath().normalize();
        List<Path> inputs = inputs(sources, into, log);

        SuiteSpec merged = mergeSuites(inputs, into);
        List<Step> steps = plan(inputs, into, log);

        List<String> copied = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (Step step : steps) {
            if (execute(step, log)) {
                copied.add(step.id());
            } else {
                present.add(step.id());
            }
        }
        if (merged != null) {
            AtomicFiles.write(RunDirectory.suiteFile(into), out -> Json.MAPPER.writeValue(out, merged));
        }
        log.info(String.format(Locale.ROOT, "aggregate: %d run(s) copied, %d already in %s", copied.size(),
                present.size(), into));
        List<String> missing = merged == null ? List.of() : missing(merged, into, log);
        return new Outcome(copied, present, missing, merged);
    }

    private static List<Path> inputs(List<Path> sources, Path into, ProgressLog log) {
        if (sources == null || sources.isEmpty()) {
            throw new AggregateException("resultDirectories: none given; name the shards' output directories");
        }
        Set<Path> inputs = new LinkedHashSet<>();
        for (Path source : sources) {
            Path dir = source.toAbsolutePath().normalize();
            // a download that failed must not pass for a shard that trained nothing
            if (!Files.isDirectory(dir)) {
                throw new AggregateException("resultDirectories: " + dir + " is not a directory");
            }
            if (dir.equals(into)) {
                log.info("aggregate: " + dir + " is the output directory itself; its runs stay as they are");
            } else if (!inputs.add(dir)) {
                log.info("aggregate: " + dir + " is named twice; read once");
            }
        }
        return List.copyOf(inputs);
    }

    /** The union of the suite.json files of the target and the inputs; null when none has one. */
    private static SuiteSpec mergeSuites(List<Path> inputs, Path into) {
        List<Path> files = new ArrayList<>();
        files.add(RunDirectory.suiteFile(into));
        inputs.forEach(dir -> files.add(RunDirectory.suiteFile(dir)));
        SuiteSpec first = null;
        Path firstFile = null;
        Map<String, ExperimentSpec> experiments = new LinkedHashMap<>();
        Map<String, Path> declaredIn = new LinkedHashMap<>();
        boolean baseline = false;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            SuiteSpec suite = readSuite(file);
            if (first == null) {
                first = suite;
                firstFile = file;
            } else {
                // the limits are in every run's configHash: runs made with two of them are not one grid
                if (suite.trainLimit() != first.trainLimit() || suite.testLimit() != first.testLimit()) {
                    throw new AggregateException(String.format(Locale.ROOT,
                            "trainLimit/testLimit differ: %d/%d in %s, %d/%d in %s; these are not one grid",
                            first.trainLimit(), first.testLimit(), firstFile, suite.trainLimit(), suite.testLimit(),
                            file));
                }
            }
            baseline |= suite.supervisedBaseline();
            for (ExperimentSpec e : suite.experiments()) {
                ExperimentSpec earlier = experiments.get(e.id());
                if (earlier == null) {
                    experiments.put(e.id(), e);
                    declaredIn.put(e.id(), file);
                    continue;
                }
                String differences = differences(earlier, e);
                if (!differences.isEmpty()) {
                    throw new AggregateException("experiment '" + e.id() + "' is declared differently in "
                            + declaredIn.get(e.id()) + " and " + file + " (" + differences + "); merge only shards of "
                            + "one grid");
                }
                Set<Long> seeds = new LinkedHashSet<>(earlier.seeds());
                seeds.addAll(e.seeds());
                experiments.put(e.id(), withSeeds(earlier, List.copyOf(seeds)));
            }
        }
        if (first == null) {
            return null;
        }
        return new SuiteSpec(List.copyOf(experiments.values()), first.trainLimit(), first.testLimit(),
                first.sampleEvery(), first.threads(), into, baseline, false, Shard.ALL);
    }

    private static SuiteSpec readSuite(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), SuiteSpec.class);
        } catch (IOException e) {
            throw new AggregateException(file + " cannot be read as a suite.json: " + e.getMessage());
        }
    }

    /** The settings (all but the seeds, which shards may split) in which two declarations differ; empty if none. */
    private static String differences(ExperimentSpec a, ExperimentSpec b) {
        List<String> differ = new ArrayList<>();
        // every component, so that a setting added later is compared too
        for (RecordComponent c : ExperimentSpec.class.getRecordComponents()) {
            if (c.getName().equals("seeds")) {
                continue;
            }
            try {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!Objects.equals(x, y)) {
                    differ.add(c.getName() + " " + x + " vs " + y);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(", ", differ);
    }

    private static ExperimentSpec withSeeds(ExperimentSpec e, List<Long> seeds) {
        return new ExperimentSpec(e.id(), e.labeledFraction(), e.labelsPerClass(), e.epochs(), seeds, e.batchSize(),
                e.learningRate(), e.generatorLoss(), e.unlabeledWeight(), e.averagingDecay(), e.algorithm(),
                e.techniques());
    }

    /** Decides for every run what to do, and fails on any conflict before a file is written. */
    private static List<Step> plan(List<Path> inputs, Path into, ProgressLog log) {
        Map<String, List<Candidate>> byRun = new LinkedHashMap<>();
        for (Path input : inputs) {
            int finished = 0;
            int unfinished = 0;
            for (RunDirectory dir : RunDirectory.list(input)) {
                if (dir.portableFiles().isEmpty()) {
                    continue; // only a lock: a run that never wrote an epoch
                }
                Candidate c = new Candidate(dir, readResult(dir));
                byRun.computeIfAbsent(id(dir), k -> new ArrayList<>()).add(c);
                if (c.finished()) {
                    finished++;
                } else {
                    unfinished++;
                }
            }
            log.info(String.format(Locale.ROOT, "aggregate: %s%s: %d finished run(s), %d unfinished", input,
                    shardOf(input), finished, unfinished));
        }
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> entry : byRun.entrySet()) {
            String id = entry.getKey();
            List<Candidate> candidates = entry.getValue();
            Candidate chosen = candidates.stream().filter(Candidate::finished).findFirst().orElse(candidates.get(0));
            for (Candidate other : candidates) {
                if (other != chosen && other.finished() && !sameRun(chosen.result(), other.result())) {
                    throw new AggregateException(conflict(id, chosen.dir(), chosen.result(), other.dir(),
                            other.result()));
                }
            }
            if (!chosen.finished() && candidates.size() > 1) {
                // which partial is further along would take reading the checkpoints; any of them resumes
                log.info("[" + id + "] unfinished in " + candidates.size() + " directories; the one in "
                        + chosen.dir() + " is taken");
            }
            RunDirectory dir = chosen.dir();
            RunDirectory to = RunDirectory.of(into, dir.experiment(), dir.seed(), dir.supervised());
            RunResult existing = readResult(to);
            Action action;
            if (existing != null) {
                if (chosen.finished() && !sameRun(existing, chosen.result())) {
                    throw new AggregateException(conflict(id, to, existing, dir, chosen.result())
                            + "; the merge does not overwrite a result: move one of them away");
                }
                action = Action.PRESENT;
            } else if (!to.portableFiles().isEmpty()) {
                action = chosen.finished() ? Action.REPLACE_UNFINISHED : Action.KEEP_TARGET_UNFINISHED;
            } else {
                action = Action.COPY;
            }
            steps.add(new Step(id, chosen, to, action));
        }
        return steps;
    }

    /** Copies one run if the plan says so, under its lock; true if it copied. */
    private static boolean execute(Step step, ProgressLog log) {
        if (step.action() == Action.PRESENT || step.action() == Action.KEEP_TARGET_UNFINISHED) {
            log.info("[" + step.id() + "] already in " + step.to()
                    + (step.action() == Action.KEEP_TARGET_UNFINISHED ? " (unfinished there and in the inputs: kept)"
                    : step.from().finished() ? " (same configHash and epochs)" : " (finished; the unfinished copy in "
                    + step.from().dir() + " is not needed)"));
            return false;
        }
        RunDirectory from = step.from().dir();
        RunDirectory to = step.to();
        try (RunLock lock = RunLock.acquire(to.lock(), holder -> log.info("[" + step.id()
                + "] waiting for another build that is writing this run: " + holder + " (lock " + to.lock() + ")"))) {
            // a train on the target may have finished it while we planned
            RunResult existing = readResult(to);
            if (existing != null) {
                if (step.from().finished() && sameRun(existing, step.from().result())) {
                    log.info("[" + step.id() + "] already in " + to + " (finished meanwhile, the same)");
                    return false;
                }
                throw new AggregateException(conflict(step.id(), to, existing, from, step.from().result())
                        + "; the merge does not overwrite a result: move one of them away");
            }
            List<Path> files = from.portableFiles();
            Path result = Path.of(RunDirectory.RESULT);
            for (Path f : files) {
                if (!f.equals(result)) {
                    copy(from.path().resolve(f), to.path().resolve(f));
                }
            }
            if (step.action() == Action.REPLACE_UNFINISHED) {
                // what the unfinished run left that the finished one does not have (samples of later epochs, say)
                Set<Path> keep = new HashSet<>(files);
                for (Path stale : to.portableFiles()) {
                    if (!keep.contains(stale)) {
                        delete(to.path().resolve(stale));
                    }
                }
            }
            if (files.contains(result)) {
                copy(from.path().resolve(result), to.path().resolve(result));
            }
        }
        log.info("[" + step.id() + "] " + (step.from().finished() ? "" : "unfinished, ")
                + (step.action() == Action.REPLACE_UNFINISHED ? "replaces the unfinished run in the target, " : "")
                + "copied from " + from);
        return true;
    }

    /** The declared runs without a result in the target, logged as a warning (or that all are there). */
    private static List<String> missing(SuiteSpec merged, Path into, ProgressLog log) {
        List<RunSpec> declared = merged.runs();
        List<String> missing = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (RunSpec run : declared) {
            RunDirectory dir = RunDirectory.of(into, run);
            if (Files.isRegularFile(dir.result())) {
                continue;
            }
            missing.add(run.id());
            described.add(run.id() + (Files.isRegularFile(dir.checkpoint())
                    ? " (unfinished: ssgan:train resumes it from its checkpoint)" : ""));
        }
        if (missing.isEmpty()) {
            log.info(String.format(Locale.ROOT, "aggregate: all %d declared run(s) are here", declared.size()));
        } else {
            log.warn(String.format(Locale.ROOT, "aggregate: %d of %d declared run(s) missing: %s", missing.size(),
                    declared.size(), String.join(", ", described)));
        }
        return missing;
    }

    private static RunResult readResult(RunDirectory dir) {
        if (!Files.exists(dir.result())) {
            return null;
        }
        RunResult r = dir.readResult();
        if (r == null) {
            throw new AggregateException(dir.result() + " cannot be read as a result file (truncated or not a "
                    + "result.json); delete it to train the run again, or restore it");
        }
        return r;
    }

    private static boolean sameRun(RunResult a, RunResult b) {
        return a.configHash().equals(b.configHash()) && a.epochs() == b.epochs();
    }

    private static String conflict(String id, RunDirectory a, RunResult ra, RunDirectory b, RunResult rb) {
        return String.format(Locale.ROOT, "%s differs: configHash %s, %d epochs in %s; configHash %s, %d epochs in %s",
                id, Format.shortHash(ra.configHash()), ra.epochs(), a, Format.shortHash(rb.configHash()), rb.epochs(), b);
    }

    private static String id(RunDirectory dir) {
        return dir.experiment() + (dir.supervised() ? "/supervised-seed-" : "/seed-") + dir.seed();
    }

    private static String shardOf(Path input) {
        Path file = RunDirectory.suiteFile(input);
        if (!Files.isRegularFile(file)) {
            return " (no suite.json: its missing runs cannot be told)";
        }
        Shard shard = readSuite(file).shard();
        return shard.isPartial() ? " (shard " + shard + ")" : "";
    }

    private static void copy(Path from, Path to) {
        AtomicFiles.write(to, out -> Files.copy(from, out));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
