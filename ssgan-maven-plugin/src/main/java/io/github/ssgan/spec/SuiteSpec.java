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
 */
public record SuiteSpec(
        List<ExperimentSpec> experiments,
        int trainLimit,
        int testLimit,
        int sampleEvery,
        int threads,
        Path outputDirectory,
        boolean supervisedBaseline,
        boolean force) {

    public SuiteSpec {
        experiments = List.copyOf(experiments);
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
        if (outputDirectory == null) {
            throw new SpecException("outputDirectory", "not set");
        }
    }

    /** Every run, in order: each GAN run followed by its supervised baseline when those are on. */
    public List<RunSpec> runs() {
        return experiments.stream()
                .flatMap(e -> e.seeds().stream().map(s -> new RunSpec(e, s, trainLimit, testLimit, sampleEvery)))
                .flatMap(run -> supervisedBaseline ? java.util.stream.Stream.of(run, run.baseline())
                        : java.util.stream.Stream.of(run))
                .toList();
    }
}
