package io.github.ssgan.maven;

import io.github.ssgan.data.DatasetException;
import io.github.ssgan.data.MnistRepository;
import io.github.ssgan.data.MnistSource;
import io.github.ssgan.spec.Algorithm;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.SpecException;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.run.TrainMain;
import io.github.ssgan.storage.Json;
import io.github.ssgan.storage.AtomicFiles;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Trains the semi-supervised GAN of Salimans et al. 2016 on MNIST for every declared experiment and seed, writing
 * per run {@code metrics.csv}, {@code result.json}, {@code samples/}, {@code model.zip} under the output directory,
 * and the accuracy table with sample sheets under {@code target/site/ssgan/}. Up-to-date runs are skipped and
 * interrupted ones resume from their last epoch.
 */
@Mojo(name = "train", threadSafe = true)
public class TrainMojo extends AbstractMojo {
    /** Epochs per run (an experiment may override; -Dssgan.epochs on the command line overrides all). */
    @Parameter(property = "ssgan.epochs", defaultValue = "100")
    int epochs;

    /** Comma-separated seeds; each (experiment, seed) is one run. -Dssgan.seeds overrides all experiments. */
    @Parameter(property = "ssgan.seeds", defaultValue = "1")
    String seeds;

    /** The experiments. Without any: labeled-10pct (labeledFraction 0.1) and labeled-100pct (1.0). */
    @Parameter
    List<Experiment> experiments;

    /** Comma-separated ids of the experiments to run (default: all). */
    @Parameter(property = "ssgan.experiments")
    String experimentIds;

    @Parameter(property = "ssgan.batchSize", defaultValue = "100")
    int batchSize;

    @Parameter(property = "ssgan.learningRate", defaultValue = "0.003")
    double learningRate;

    /** feature-matching (the paper's) or combined (feature matching + non-saturating GAN cost). */
    @Parameter(property = "ssgan.generatorLoss", defaultValue = "feature-matching")
    String generatorLoss;

    /** Weight w of the unsupervised discriminator loss: L_sup + w·L_unsup. */
    @Parameter(property = "ssgan.unlabeledWeight", defaultValue = "1.0")
    double unlabeledWeight;

    /**
     * Decay of the exponential moving average of the discriminator's weights, which is the evaluated classifier
     * (with a warm-up of (1+t)/(10+t) at iteration t while that is smaller). 0.999 averages over ~1 000 iterations,
     * the paper's code 0.9999 over ~10 000. Changes the test accuracies, not the training.
     */
    @Parameter(property = "ssgan.averagingDecay", defaultValue = "0.999")
    double averagingDecay;

    /**
     * Version of the training algorithm: salimans2016-pi-mnist/2 (the default) or /1. Versions differ in how the
     * numbers are made, not in the model; set the one a result.json names under config/algorithm to re-run it digit
     * for digit.
     */
    @Parameter(property = "ssgan.algorithm")
    String algorithm;

    /** Train on a seeded, class-stratified subset of this many images (0: all 60 000), for quick runs. */
    @Parameter(property = "ssgan.trainLimit", defaultValue = "0")
    int trainLimit;

    /** Evaluate on a seeded, class-stratified subset of this many test images (0: all 10 000). */
    @Parameter(property = "ssgan.testLimit", defaultValue = "0")
    int testLimit;

    /** Write a sample sheet every this many epochs (and always for the first and last). */
    @Parameter(property = "ssgan.sampleEvery", defaultValue = "10")
    int sampleEvery;

    /** Compute threads (results are bit-identical for a fixed count). Default: all cores. */
    @Parameter(property = "ssgan.threads")
    Integer threads;

    /** A directory holding the four MNIST IDX files (raw or .gz); otherwise the cache and download sources. */
    @Parameter(property = "ssgan.dataDirectory")
    File dataDirectory;

    /** MNIST as a Maven artifact, groupId:artifactId:version[:extension[:classifier]] (extension zip by default). */
    @Parameter(property = "ssgan.datasetArtifact")
    String datasetArtifact;

    /** Where verified MNIST files are cached between builds. Default: $XDG_CACHE_HOME/ssgan/mnist or ~/.cache/ssgan/mnist. */
    @Parameter(property = "ssgan.cacheDirectory")
    File cacheDirectory;

    @Parameter(property = "ssgan.outputDirectory", defaultValue = "${project.build.directory}/ssgan")
    File outputDirectory;

    /** Where the summary page goes (ssgan/index.html below it). */
    @Parameter(property = "ssgan.siteDirectory", defaultValue = "${project.reporting.outputDirectory}")
    File siteDirectory;

    /** Rerun runs even if their result is up to date, ignoring checkpoints. */
    @Parameter(property = "ssgan.force", defaultValue = "false")
    boolean force;

    @Parameter(property = "ssgan.skip", defaultValue = "false")
    boolean skip;

    /**
     * JVM options of the forked training JVM. The model and data live off-heap; the heap only needs room for loading
     * MNIST (~350 MB). A larger one mostly fills with garbage and grew the process to 1.5–1.8 GB (768m: 1.1 GB).
     */
    @Parameter(property = "ssgan.jvmArgs", defaultValue = "-Xmx768m")
    String jvmArgs;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    @Component
    RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ssgan:train skipped (ssgan.skip)");
            return;
        }
        SuiteSpec suite;
        Path data;
        try {
            suite = suite();
            suite.validate();
            data = new MnistRepository(dataDirectory == null ? null : dataDirectory.toPath(),
                    cacheDirectory == null ? MnistRepository.defaultCacheDirectory() : cacheDirectory.toPath(),
                    sources(), getLog()::info).locate();
        } catch (SpecException | DatasetException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Path specFile = outputDirectory.toPath().resolve("suite.json");
        AtomicFiles.write(specFile, out -> Json.MAPPER.writeValue(out, suite));
        new TrainingProcess(getLog()).run(jvmArgs, TrainMain.class.getName(), specFile, data);
    }

    /**
     * Binds the POM and command line into one spec. Maven lets POM configuration beat -D properties; for the
     * ssgan.* properties a user types to steer one build (epochs, seeds, limits, threads...) the command line wins,
     * over plugin-level and per-experiment values alike.
     */
    SuiteSpec suite() {
        Properties cli = session == null ? new Properties() : session.getUserProperties();
        epochs = cliInt(cli, "ssgan.epochs", epochs);
        seeds = cli.getProperty("ssgan.seeds", seeds);
        trainLimit = cliInt(cli, "ssgan.trainLimit", trainLimit);
        testLimit = cliInt(cli, "ssgan.testLimit", testLimit);
        sampleEvery = cliInt(cli, "ssgan.sampleEvery", sampleEvery);
        threads = cli.containsKey("ssgan.threads") ? Integer.valueOf(cliInt(cli, "ssgan.threads", 0)) : threads;
        experimentIds = cli.getProperty("ssgan.experiments", experimentIds);
        if (cli.containsKey("ssgan.outputDirectory")) {
            outputDirectory = new File(cli.getProperty("ssgan.outputDirectory"));
        }
        if (cli.containsKey("ssgan.dataDirectory")) {
            dataDirectory = new File(cli.getProperty("ssgan.dataDirectory"));
        }
        boolean cliEpochs = cli.containsKey("ssgan.epochs");
        boolean cliSeeds = cli.containsKey("ssgan.seeds");
        List<Experiment> declared = experiments == null || experiments.isEmpty()
                ? List.of(new Experiment("labeled-10pct", 0.10), new Experiment("labeled-100pct", 1.0))
                : experiments;
        Algorithm defaultAlgorithm = algorithm == null ? Algorithm.LATEST : Algorithm.parse(algorithm, "ssgan.algorithm");
        List<ExperimentSpec> specs = new ArrayList<>();
        for (Experiment e : declared) {
            String where = "experiment '" + e.id + "' ";
            specs.add(new ExperimentSpec(e.id, e.labeledFraction, e.labelsPerClass,
                    e.epochs == null || cliEpochs ? epochs : e.epochs,
                    ExperimentSpec.parseSeeds(e.seeds == null || cliSeeds ? seeds : e.seeds, where + "seeds"),
                    e.batchSize == null ? batchSize : e.batchSize,
                    e.learningRate == null ? learningRate : e.learningRate,
                    GeneratorLoss.parse(e.generatorLoss == null ? generatorLoss : e.generatorLoss, where + "generatorLoss"),
                    e.unlabeledWeight == null ? unlabeledWeight : e.unlabeledWeight,
                    e.averagingDecay == null ? averagingDecay : e.averagingDecay,
                    e.algorithm == null ? defaultAlgorithm : Algorithm.parse(e.algorithm, where + "algorithm")));
        }
        if (experimentIds != null && !experimentIds.isBlank()) {
            Set<String> wanted = Arrays.stream(experimentIds.split(",")).map(String::trim).collect(Collectors.toSet());
            Set<String> known = specs.stream().map(ExperimentSpec::id).collect(Collectors.toSet());
            wanted.stream().filter(id -> !known.contains(id)).findFirst().ifPresent(id -> {
                throw new SpecException("ssgan.experiments", "unknown experiment id '" + id + "'; declared: "
                        + specs.stream().map(ExperimentSpec::id).collect(Collectors.joining(", ")));
            });
            specs.removeIf(s -> !wanted.contains(s.id()));
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        return new SuiteSpec(specs, trainLimit, testLimit, sampleEvery, threadCount, outputDirectory.toPath(),
                siteDirectory == null ? null : siteDirectory.toPath(), force);
    }

    private static int cliInt(Properties cli, String name, int pomValue) {
        String value = cli.getProperty(name);
        if (value == null) {
            return pomValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SpecException(name, "'" + value + "' is not an integer");
        }
    }

    private List<MnistSource> sources() {
        List<MnistSource> list = new ArrayList<>();
        if (datasetArtifact != null && !datasetArtifact.isBlank()) {
            try {
                MavenArtifactSource.artifact(datasetArtifact.trim());
            } catch (IllegalArgumentException e) {
                throw new SpecException("datasetArtifact", e.getMessage());
            }
            list.add(new MavenArtifactSource(datasetArtifact.trim(), repositorySystem, session.getRepositorySession(),
                    remoteRepositories == null ? List.of() : remoteRepositories));
        }
        list.addAll(MnistRepository.downloadSources());
        return list;
    }
}
