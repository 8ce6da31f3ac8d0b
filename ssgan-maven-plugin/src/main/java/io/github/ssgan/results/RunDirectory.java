package io.github.ssgan.results;

import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one place that knows how a run's files are laid out: {@code <out>/<experiment>/seed-<n>/} holding
 * {@value #METRICS}, {@value #RESULT}, {@value #CONFUSION}, {@value #SAMPLES}/epoch-NNNN.png, {@value #MODEL} (not with
 * minibatch discrimination),
 * {@value #CHECKPOINT} (an unreadable one set aside as {@value #CORRUPT_CHECKPOINT}) and the writer's {@value #LOCK};
 * a supervised baseline run sits beside it in {@code <out>/<experiment>/supervised-seed-<n>/} with the same files but
 * samples. The trainer writes through it, the results model, the report and the check read through it, so results
 * trained elsewhere (shards, a release's results) are found the same way.
 */
public record RunDirectory(Path path, String experiment, long seed, boolean supervised) {
    public static final String METRICS = "metrics.csv";
    public static final String RESULT = "result.json";
    public static final String CONFUSION = "confusion.csv";
    public static final String SAMPLES = "samples";
    public static final String MODEL = "model.zip";
    public static final String CHECKPOINT = "checkpoint.zip";
    public static final String CORRUPT_CHECKPOINT = CHECKPOINT + ".corrupt";
    public static final String LOCK = ".lock";
    /** The resolved spec of the last {@code train} invocation, at the top of an output directory. */
    public static final String SUITE = "suite.json";
    private static final String SEED_PREFIX = "seed-";
    private static final String SUPERVISED = "supervised-";
    private static final String SUPERVISED_PREFIX = SUPERVISED + SEED_PREFIX;
    private static final Pattern SAMPLE = Pattern.compile("epoch-(\\d+)\\.png");
    private static final Pattern SEED = Pattern.compile("(" + Pattern.quote(SUPERVISED) + ")?"
            + Pattern.quote(SEED_PREFIX) + "(-?\\d+)");

    /** A GAN run's directory. */
    public static RunDirectory of(Path outputDirectory, String experiment, long seed) {
        return of(outputDirectory, experiment, seed, false);
    }

    public static RunDirectory of(Path outputDirectory, String experiment, long seed, boolean supervised) {
        return new RunDirectory(outputDirectory.resolve(experiment).resolve((supervised ? SUPERVISED_PREFIX : SEED_PREFIX) + seed),
                experiment, seed, supervised);
    }

    public static RunDirectory of(Path outputDirectory, RunSpec run) {
        return of(outputDirectory, run.experiment().id(), run.seed(), run.supervised());
    }

    /** A run's name relative to its output directory, as logs and checks name it: {@code labels-100/supervised-seed-2}. */
    public static String runName(String experiment, long seed, boolean supervised) {
        return experiment + "/" + (supervised ? SUPERVISED_PREFIX : SEED_PREFIX) + seed;
    }

    /** Every run directory under an output directory, by experiment then seed; none if it does not exist. */
    public static List<RunDirectory> list(Path outputDirectory) {
        List<RunDirectory> runs = new ArrayList<>();
        if (!Files.isDirectory(outputDirectory)) {
            return runs;
        }
        try (Stream<Path> experiments = Files.list(outputDirectory)) {
            for (Path experiment : experiments.filter(Files::isDirectory).toList()) {
                try (Stream<Path> seeds = Files.list(experiment)) {
                    for (Path seed : seeds.filter(Files::isDirectory).toList()) {
                        Matcher m = SEED.matcher(seed.getFileName().toString());
                        if (m.matches()) {
                            runs.add(new RunDirectory(seed, experiment.getFileName().toString(),
                                    Long.parseLong(m.group(2)), m.group(1) != null));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs in " + outputDirectory + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(RunDirectory::experiment).thenComparing(RunDirectory::supervised)
                .thenComparingLong(RunDirectory::seed));
        return runs;
    }

    public Path metrics() {
        return path.resolve(METRICS);
    }

    public Path result() {
        return path.resolve(RESULT);
    }

    public Path confusion() {
        return path.resolve(CONFUSION);
    }

    public Path samples() {
        return path.resolve(SAMPLES);
    }

    /** The sample sheet of an epoch (written for the first, the last and every sampleEvery-th). */
    public Path sample(int epoch) {
        return samples().resolve(String.format(Locale.ROOT, "epoch-%04d.png", epoch));
    }

    /** The epochs that have a sample sheet, ascending. */
    public List<Integer> sampleEpochs() {
        if (!Files.isDirectory(samples())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(samples())) {
            return files.map(f -> SAMPLE.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + samples() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the temporary files that writes killed before their rename left here and in {@value #SAMPLES}/
     * ({@link AtomicFiles}); only for the holder of this run's {@link #lock()}, since a live write's looks the same.
     * Returns the bytes freed.
     */
    public long deleteLeftovers() {
        return AtomicFiles.deleteLeftovers(path) + AtomicFiles.deleteLeftovers(samples());
    }

    /** The suite.json of an output directory. */
    public static Path suiteFile(Path outputDirectory) {
        return outputDirectory.resolve(SUITE);
    }

    public Path model() {
        return path.resolve(MODEL);
    }

    public Path checkpoint() {
        return path.resolve(CHECKPOINT);
    }

    /** Where an unreadable checkpoint is kept when the run starts over, so that it can still be looked into. */
    public Path corruptCheckpoint() {
        return path.resolve(CORRUPT_CHECKPOINT);
    }

    /** Locked by the one build that writes this run (see run.RunLock); holds that build's description. */
    public Path lock() {
        return path.resolve(LOCK);
    }

    /**
     * The files of this run that belong in a published results set, relative to the run directory, {@value #RESULT}
     * last: all but the resumable state ({@value #CHECKPOINT}), what {@link #portableFiles()} leaves out too.
     */
    public List<Path> publishedFiles() {
        return portableFiles().stream().filter(f -> !f.equals(Path.of(CHECKPOINT))).toList();
    }

    /**
     * The files that make up this run, relative to its directory, for copying it to another output directory (a merge
     * of shards): all but the writer's {@value #LOCK}, an unreadable checkpoint set aside ({@value #CORRUPT_CHECKPOINT})
     * and hidden files (an atomic write's leftover temporary). {@value #RESULT} comes last, as the trainer writes it,
     * so that a copy cut short reads as an unfinished run. Empty if the directory does not exist.
     */
    public List<Path> portableFiles() {
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).map(path::relativize)
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return !name.startsWith(".") && !name.equals(CORRUPT_CHECKPOINT);
                    })
                    .sorted(Comparator.comparing((Path f) -> f.equals(Path.of(RESULT))).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + path + ": " + e.getMessage(), e);
        }
    }

    /** This run's result, or null if it has none or it cannot be read (then the run is redone). */
    public RunResult readResult() {
        return RunResult.read(result());
    }

    /**
     * Whether this directory already holds the result of the run with this configHash and epoch count: then training
     * it again would reproduce the same numbers, so it is skipped.
     */
    public boolean isUpToDate(String configHash, int epochs) {
        RunResult existing = readResult();
        return existing != null && configHash.equals(existing.configHash()) && existing.epochs() == epochs;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
