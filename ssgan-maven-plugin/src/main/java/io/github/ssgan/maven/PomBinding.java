package io.github.ssgan.maven;

import io.github.ssgan.spec.Algorithm;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.GeneratorNormalization;
import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.SpecException;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.spec.Techniques;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The POM and the command line bound into one {@link SuiteSpec}: a pure function of its inputs, which it leaves as
 * they are. Precedence, strongest first:
 * <ol>
 * <li>the {@value #PREFIX}* properties of {@link #COMMAND_LINE_WINS} typed on the command line, over plugin-level and
 * per-experiment values alike ({@code -Dssgan.epochs} and {@code -Dssgan.seeds} included);</li>
 * <li>a value an {@code <experiment>} sets;</li>
 * <li>the plugin-level value (what the POM sets, else the {@code ssgan.*} property, else the default: Maven's
 * own binding, done before this).</li>
 * </ol>
 * Maven itself lets a value in the POM beat a {@code -D} property; for the properties a user types to steer one
 * build (a quick run, a single seed, another output) that would silently ignore what was typed, so they win here.
 */
final class PomBinding {
    static final String PREFIX = "ssgan.";
    /** The command-line properties that beat POM values (the others only fill parameters the POM leaves unset). */
    static final List<String> COMMAND_LINE_WINS = List.of("ssgan.epochs", "ssgan.seeds", "ssgan.experiments",
            "ssgan.trainLimit", "ssgan.testLimit", "ssgan.sampleEvery", "ssgan.threads", "ssgan.outputDirectory",
            "ssgan.dataDirectory", "ssgan.force", "ssgan.shard", "ssgan.parallelRuns", "ssgan.supervisedBaseline");

    /**
     * Compute threads per run unless set: a fixed count, not the machine's cores, so that the same POM and seed give
     * the same digits on any machine (OpenBLAS gives other bits on another thread count); the cores fill with runs
     * side by side instead (parallelRuns).
     */
    static final int DEFAULT_THREADS = 1;

    /**
     * What one training JVM may take, for the default of parallelRuns: its peak RSS with the default -Xmx768m was
     * 1.0–1.1 GB (bench/epoch), so 1.25 GB leaves headroom.
     */
    static final long TRAINING_JVM_BYTES = 1_250L << 20;

    /** The experiments run when the POM declares none. */
    static List<Experiment> defaultExperiments() {
        return List.of(new Experiment("labeled-10pct", 0.10), new Experiment("labeled-100pct", 1.0));
    }

    /**
     * The plugin-level parameters as Maven injected them into the mojo. A plain holder: the mojo copies its fields
     * into one, tests set the few they vary.
     */
    static final class PluginValues {
        int epochs = 100;
        String seeds = "1";
        List<Experiment> experiments;
        String experimentIds;
        int batchSize = 100;
        double learningRate = 0.003;
        String generatorLoss = "feature-matching";
        double unlabeledWeight = 1.0;
        double averagingDecay = ExperimentSpec.DEFAULT_AVERAGING_DECAY;
        String algorithm;
        double historicalAveraging = Techniques.NONE.historicalAveraging();
        double labelSmoothing = Techniques.NONE.labelSmoothing();
        int minibatchKernels = Techniques.NONE.minibatchKernels();
        int minibatchKernelDimension = Techniques.NONE.minibatchKernelDimension();
        String generatorNormalization = Techniques.NONE.generatorNormalization().id;
        double entropyWeight = Techniques.NONE.entropyWeight();
        double pullAwayWeight = Techniques.NONE.pullAwayWeight();
        int trainLimit;
        int testLimit;
        int sampleEvery = 10;
        Integer threads;
        /** Runs trained at once, each in its own training JVM; null: as many as fit (see {@link #bind}). */
        Integer parallelRuns;
        Path dataDirectory;
        Path outputDirectory;
        boolean supervisedBaseline = true;
        boolean force;
        /** {@code i/n}, or null: the whole suite. */
        String shard;
        /** The project directory, against which relative paths typed on the command line resolve (as Maven's do). */
        Path basedir;
    }

    /**
     * @param suite         what to train
     * @param dataDirectory the directory the user named for MNIST, or null (then the cache and the sources)
     */
    record Bound(SuiteSpec suite, Path dataDirectory) {
    }

    private PomBinding() {
    }

    /** {@link #bind(PluginValues, Properties, int, long)} on a machine whose memory bounds nothing. */
    static Bound bind(PluginValues pom, Properties commandLine, int availableProcessors) {
        return bind(pom, commandLine, availableProcessors, Long.MAX_VALUE);
    }

    /**
     * @param commandLine         the build's user properties (the {@code -D} options)
     * @param availableProcessors the cores the runs side by side fill by default
     * @param physicalMemory      the machine's memory in bytes: parallelRuns' default leaves a fifth of it free
     * @throws SpecException naming the parameter or property whose value is malformed
     */
    static Bound bind(PluginValues pom, Properties commandLine, int availableProcessors, long physicalMemory) {
        Properties cli = commandLine == null ? new Properties() : commandLine;
        Integer cliEpochs = cliInt(cli, "ssgan.epochs");
        String cliSeeds = cli.getProperty("ssgan.seeds");
        Algorithm defaultAlgorithm = pom.algorithm == null ? Algorithm.LATEST : Algorithm.parse(pom.algorithm, "algorithm");
        List<Experiment> declared = pom.experiments == null || pom.experiments.isEmpty() ? defaultExperiments() : pom.experiments;

        List<ExperimentSpec> specs = new ArrayList<>();
        for (Experiment e : declared) {
            String where = "experiment '" + e.id + "' ";
            int epochs = cliEpochs != null ? cliEpochs : e.epochs != null ? e.epochs : pom.epochs;
            List<Long> seeds = cliSeeds != null ? ExperimentSpec.parseSeeds(cliSeeds, "ssgan.seeds")
                    : e.seeds != null ? ExperimentSpec.parseSeeds(e.seeds, where + "seeds")
                    : ExperimentSpec.parseSeeds(pom.seeds, "seeds");
            specs.add(new ExperimentSpec(e.id, e.labeledFraction, e.labelsPerClass, epochs, seeds,
                    e.batchSize != null ? e.batchSize : pom.batchSize,
                    e.learningRate != null ? e.learningRate : pom.learningRate,
                    e.generatorLoss != null ? GeneratorLoss.parse(e.generatorLoss, where + "generatorLoss")
                            : GeneratorLoss.parse(pom.generatorLoss, "generatorLoss"),
                    e.unlabeledWeight != null ? e.unlabeledWeight : pom.unlabeledWeight,
                    e.averagingDecay != null ? e.averagingDecay : pom.averagingDecay,
                    e.algorithm != null ? Algorithm.parse(e.algorithm, where + "algorithm") : defaultAlgorithm,
                    techniques(e, pom, where)));
        }

        String idsParameter = cli.containsKey("ssgan.experiments") ? "ssgan.experiments" : "experimentIds";
        String ids = cli.getProperty("ssgan.experiments", pom.experimentIds);
        if (ids != null && !ids.isBlank()) {
            specs = select(specs, ids, idsParameter);
        }

        Integer cliThreads = cliInt(cli, "ssgan.threads");
        int threads = cliThreads != null ? cliThreads : pom.threads != null ? pom.threads : DEFAULT_THREADS;
        SuiteSpec suite = new SuiteSpec(specs,
                orElse(cliInt(cli, "ssgan.trainLimit"), pom.trainLimit),
                orElse(cliInt(cli, "ssgan.testLimit"), pom.testLimit),
                orElse(cliInt(cli, "ssgan.sampleEvery"), pom.sampleEvery),
                threads,
                cliPath(cli, "ssgan.outputDirectory", pom.basedir, pom.outputDirectory),
                cliBoolean(cli, "ssgan.supervisedBaseline", pom.supervisedBaseline),
                cliBoolean(cli, "ssgan.force", pom.force),
                shard(cli, pom.shard),
                parallelRuns(cliInt(cli, "ssgan.parallelRuns"), pom.parallelRuns, threads, availableProcessors,
                        physicalMemory),
                Shard.ALL);
        return new Bound(suite, cliPath(cli, "ssgan.dataDirectory", pom.basedir, pom.dataDirectory));
    }

    /** The experiment's training techniques: each its own value, else the plugin-level one. */
    private static Techniques techniques(Experiment e, PluginValues pom, String where) {
        return new Techniques(
                e.historicalAveraging != null ? e.historicalAveraging : pom.historicalAveraging,
                e.labelSmoothing != null ? e.labelSmoothing : pom.labelSmoothing,
                e.minibatchKernels != null ? e.minibatchKernels : pom.minibatchKernels,
                e.minibatchKernelDimension != null ? e.minibatchKernelDimension : pom.minibatchKernelDimension,
                e.generatorNormalization != null
                        ? GeneratorNormalization.parse(e.generatorNormalization, where + "generatorNormalization")
                        : GeneratorNormalization.parse(pom.generatorNormalization, "generatorNormalization"),
                e.entropyWeight != null ? e.entropyWeight : pom.entropyWeight,
                e.pullAwayWeight != null ? e.pullAwayWeight : pom.pullAwayWeight);
    }

    /**
     * The runs trained at once: as set, else as many as fill the cores with each run's threads (cores ÷ threads, at
     * least 1), since runs side by side finish a grid sooner than threads inside one run, and no more than four fifths
     * of the memory hold ({@link #TRAINING_JVM_BYTES} each).
     *
     * @throws SpecException naming the property or parameter set to a count below 1
     */
    static int parallelRuns(Integer commandLine, Integer pom, int threads, int availableProcessors, long physicalMemory) {
        Integer set = commandLine != null ? commandLine : pom;
        if (set != null) {
            if (set < 1) {
                throw new SpecException(commandLine != null ? "ssgan.parallelRuns" : "parallelRuns",
                        set + " must be positive");
            }
            return set;
        }
        int byCores = Math.max(1, availableProcessors / Math.max(1, threads));
        long byMemory = Math.max(1, physicalMemory / 5 * 4 / TRAINING_JVM_BYTES);
        return (int) Math.min(byCores, byMemory);
    }

    /** The experiments named in a comma-separated list, in declaration order; an unknown id fails. */
    private static List<ExperimentSpec> select(List<ExperimentSpec> specs, String ids, String parameter) {
        Set<String> wanted = Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> declared = specs.stream().map(ExperimentSpec::id).toList();
        for (String id : wanted) {
            if (!declared.contains(id)) {
                throw new SpecException(parameter, "unknown experiment id '" + id + "'; declared: "
                        + String.join(", ", declared));
            }
        }
        return specs.stream().filter(s -> wanted.contains(s.id())).toList();
    }

    /** Typed on the command line, {@code -Dssgan.shard=} with nothing after it is a mistake (an unset CI variable). */
    private static Shard shard(Properties cli, String pom) {
        String value = cli.getProperty("ssgan.shard");
        if (value != null) {
            return Shard.parse(value, "ssgan.shard");
        }
        return pom == null || pom.isBlank() ? Shard.ALL : Shard.parse(pom, "shard");
    }

    private static int orElse(Integer commandLine, int pom) {
        return commandLine != null ? commandLine : pom;
    }

    private static Integer cliInt(Properties cli, String name) {
        String value = cli.getProperty(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new SpecException(name, "'" + value + "' is not an integer");
        }
    }

    private static boolean cliBoolean(Properties cli, String name, boolean pom) {
        String value = cli.getProperty(name);
        if (value == null) {
            return pom;
        }
        // -Dssgan.force alone reaches us as "true"; anything but true/false is a typo, not a silent false
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SpecException(name, "'" + value + "' is not true or false");
        };
    }

    private static Path cliPath(Properties cli, String name, Path basedir, Path pom) {
        String value = cli.getProperty(name);
        if (value == null) {
            return pom;
        }
        if (value.isBlank()) {
            throw new SpecException(name, "is empty");
        }
        Path path = Path.of(value.trim());
        return basedir == null || path.isAbsolute() ? path : basedir.resolve(path);
    }
}
