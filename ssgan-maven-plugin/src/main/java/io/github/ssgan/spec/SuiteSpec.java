package io.github.ssgan.spec;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a POM (or any other front end) declares for one {@code train} invocation: the experiments, the quick-run
 * data limits, the thread count and where results go. Each (experiment, seed) pair becomes one {@link RunSpec}.
 *
 * @param supervisedBaseline also train each run's supervised baseline ({@link RunSpec#baseline()})
 * @param force         rerun runs that are up to date, ignoring checkpoints
 * @param shard         the share of {@link #runs()} this invocation trains ({@link #shardRuns()}); {@link Shard#ALL}
 *                      when null. The experiments stay the whole grid, so that suite.json tells a merge or a report
 *                      which runs the other shards owe.
 * @param parallelRuns  how many runs of the shard train at once, each in a training JVM of its own (1 when 0, as in
 *                      suite.json files written before it existed)
 * @param part          which of those JVMs this is (i/n); {@link Shard#ALL} when null: the only one. Not a share:
 *                      each JVM side by side walks all of {@link #shardRuns()} and takes the next run no other is
 *                      training; only when forced does each retrain a fixed share ({@link #partAssignment()})
 */
public record SuiteSpec(
        List<ExperimentSpec> experiments,
        int trainLimit,
        int testLimit,
        int sampleEvery,
        int threads,
        Path outputDirectory,
        boolean supervisedBaseline,
        boolean force,
        Shard shard,
        int parallelRuns,
        Shard part) {

    public SuiteSpec {
        experiments = List.copyOf(experiments);
        // suite.json files written before shards existed have none: they trained everything
        shard = shard == null ? Shard.ALL : shard;
        parallelRuns = parallelRuns == 0 ? 1 : parallelRuns;
        part = part == null ? Shard.ALL : part;
    }

    /** A shard trained one run at a time. */
    public SuiteSpec(List<ExperimentSpec> experiments, int trainLimit, int testLimit, int sampleEvery, int threads,
                     Path outputDirectory, boolean supervisedBaseline, boolean force, Shard shard) {
        this(experiments, trainLimit, testLimit, sampleEvery, threads, outputDirectory, supervisedBaseline, force,
                shard, 1, Shard.ALL);
    }

    /** The whole suite, unsharded, one run at a time. */
    public SuiteSpec(List<ExperimentSpec> experiments, int trainLimit, int testLimit, int sampleEvery, int threads,
                     Path outputDirectory, boolean supervisedBaseline, boolean force) {
        this(experiments, trainLimit, testLimit, sampleEvery, threads, outputDirectory, supervisedBaseline, force,
                Shard.ALL);
    }

    /** This suite as seen by one of the training JVMs side by side: the {@code part}-th of {@code part.count()}. */
    public SuiteSpec withPart(Shard part) {
        return new SuiteSpec(experiments, trainLimit, testLimit, sampleEvery, threads, outputDirectory,
                supervisedBaseline, force, shard, parallelRuns, part);
    }

    /** Checks what can be checked without data; throws {@link SpecException} naming the parameter. */
    public void validate() {
        if (experiments.isEmpty()) {
            throw new SpecException("experiments", "no experiment to run");
        }
        Set<String> ids = new HashSet<>();
        for (ExperimentSpec e : experiments) {
            e.validate();
            if (!ids.add(e.id())) {
                throw new SpecException("experiments/experiment/id", "duplicate experiment id '" + e.id() + "'");
            }
        }
        if (trainLimit < 0) {
            throw new SpecException("trainLimit", trainLimit + " must be 0 (all) or positive");
        }
        if (testLimit < 0) {
            throw new SpecException("testLimit", testLimit + " must be 0 (all) or positive");
        }
        if (sampleEvery <= 0) {
            throw new SpecException("sampleEvery", sampleEvery + " must be positive");
        }
        if (threads <= 0) {
            throw new SpecException("threads", threads + " must be positive");
        }
        if (parallelRuns <= 0) {
            throw new SpecException("parallelRuns", parallelRuns + " must be positive");
        }
        if (outputDirectory == null) {
            throw new SpecException("outputDirectory", "not set");
        }
        shard.validate("shard");
        part.validate("part");
    }

    /** Every run, in order: each GAN run followed by its supervised baseline when those are on. */
    public List<RunSpec> runs() {
        return experiments.stream()
                .flatMap(e -> e.seeds().stream().map(s -> new RunSpec(e, s, trainLimit, testLimit, sampleEvery, false,
                        threads)))
                .flatMap(run -> supervisedBaseline ? java.util.stream.Stream.of(run, run.baseline())
                        : java.util.stream.Stream.of(run))
                .toList();
    }

    /** How {@link #runs()} split into {@code shard().count()} shares. */
    public ShardAssignment shardAssignment() {
        return ShardAssignment.of(this, shard.count());
    }

    /** The runs this invocation trains: {@link #runs()} when unsharded, else this shard's share, in the same order. */
    public List<RunSpec> shardRuns() {
        return shard.isPartial() ? shardAssignment().runs(shard) : runs();
    }

    /**
     * How {@link #shardRuns()} split among {@code part().count()} training JVMs side by side when forced, balanced by
     * cost as shards are: a run that another JVM has retrained in this build cannot be told from an older result, so
     * forced JVMs cannot take runs in turn.
     */
    public ShardAssignment partAssignment() {
        return ShardAssignment.of(shardRuns(), part.count());
    }
}
