package io.github.ssgan.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each precedence rule of the POM binding: defaults, plugin level, per experiment, command line. */
class PomBindingTest {
    private static final Path OUT = Path.of("/project/target/ssgan");
    private static final int CORES = 6;

    /** Plugin-level values as Maven injects them for a POM that sets only outputDirectory. */
    private static PomBinding.PluginValues pom() {
        PomBinding.PluginValues v = new PomBinding.PluginValues();
        v.outputDirectory = OUT;
        v.basedir = Path.of("/project");
        return v;
    }

    private static Experiment experiment(String id, double labeledFraction) {
        return new Experiment(id, labeledFraction);
    }

    private static Properties cli(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static SuiteSpec bind(PomBinding.PluginValues pom, Properties cli) {
        return PomBinding.bind(pom, cli, CORES).suite();
    }

    private static ExperimentSpec only(SuiteSpec suite, String id) {
        return suite.experiments().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void withoutDeclaredExperimentsRunsTheTwoDefaultOnesWithThePluginLevelValues() {
        for (List<Experiment> none : java.util.Arrays.asList(null, List.<Experiment>of())) {
            PomBinding.PluginValues pom = pom();
            pom.experiments = none;
            pom.epochs = 7;
            pom.seeds = "3,4";

            SuiteSpec suite = bind(pom, cli());

            assertThat(suite.experiments()).extracting(ExperimentSpec::id).containsExactly("labeled-10pct", "labeled-100pct");
            assertThat(suite.experiments()).extracting(ExperimentSpec::labeledFraction).containsExactly(0.10, 1.0);
            assertThat(suite.experiments()).allSatisfy(e -> {
                assertThat(e.labelsPerClass()).isNull();
                assertThat(e.epochs()).isEqualTo(7);
                assertThat(e.seeds()).containsExactly(3L, 4L);
                assertThat(e.batchSize()).isEqualTo(100);
                assertThat(e.learningRate()).isEqualTo(0.003);
                assertThat(e.generatorLoss()).isEqualTo(GeneratorLoss.FEATURE_MATCHING);
                assertThat(e.unlabeledWeight()).isEqualTo(1.0);
                assertThat(e.averagingDecay()).isEqualTo(ExperimentSpec.DEFAULT_AVERAGING_DECAY);
                assertThat(e.algorithm()).isEqualTo(Algorithm.LATEST);
            });
            assertThat(suite.trainLimit()).isZero();
            assertThat(suite.testLimit()).isZero();
            assertThat(suite.sampleEvery()).isEqualTo(10);
            assertThat(suite.outputDirectory()).isEqualTo(OUT);
            assertThat(suite.supervisedBaseline()).isTrue();
            assertThat(suite.force()).isFalse();
            suite.validate();
        }
    }

    @Test
    void aPerExperimentValueBeatsThePluginLevelOneForThatExperimentOnly() {
        PomBinding.PluginValues pom = pom();
        pom.epochs = 5;
        pom.seeds = "1";
        pom.batchSize = 50;
        pom.learningRate = 0.001;
        pom.generatorLoss = "feature-matching";
        pom.unlabeledWeight = 0.5;
        pom.averagingDecay = 0.99;
        pom.algorithm = "salimans2016-pi-mnist/2";
        Experiment own = new Experiment();
        own.id = "own";
        own.labelsPerClass = 10;
        own.epochs = 300;
        own.seeds = "1,2,3";
        own.batchSize = 200;
        own.learningRate = 0.01;
        own.generatorLoss = "combined";
        own.unlabeledWeight = 2.0;
        own.averagingDecay = 0.9999;
        own.algorithm = "salimans2016-pi-mnist/1";
        pom.experiments = List.of(own, experiment("inherits", 0.5));

        SuiteSpec suite = bind(pom, cli());

        ExperimentSpec o = only(suite, "own");
        assertThat(o.labelsPerClass()).isEqualTo(10);
        assertThat(o.labeledFraction()).isNull();
        assertThat(o.epochs()).isEqualTo(300);
        assertThat(o.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(o.batchSize()).isEqualTo(200);
        assertThat(o.learningRate()).isEqualTo(0.01);
        assertThat(o.generatorLoss()).isEqualTo(GeneratorLoss.COMBINED);
        assertThat(o.unlabeledWeight()).isEqualTo(2.0);
        assertThat(o.averagingDecay()).isEqualTo(0.9999);
        assertThat(o.algorithm()).isEqualTo(Algorithm.V1);

        ExperimentSpec i = only(suite, "inherits");
        assertThat(i.labeledFraction()).isEqualTo(0.5);
        assertThat(i.epochs()).isEqualTo(5);
        assertThat(i.seeds()).containsExactly(1L);
        assertThat(i.batchSize()).isEqualTo(50);
        assertThat(i.learningRate()).isEqualTo(0.001);
        assertThat(i.generatorLoss()).isEqualTo(GeneratorLoss.FEATURE_MATCHING);
        assertThat(i.unlabeledWeight()).isEqualTo(0.5);
        assertThat(i.averagingDecay()).isEqualTo(0.99);
        assertThat(i.algorithm()).isEqualTo(Algorithm.V2);
    }

    @Test
    void commandLineEpochsAndSeedsBeatPluginLevelAndPerExperimentValues() {
        PomBinding.PluginValues pom = pom();
        pom.epochs = 100;
        pom.seeds = "1,2";
        Experiment own = experiment("own", 0.1);
        own.epochs = 300;
        own.seeds = "5,6,7";
        pom.experiments = List.of(own, experiment("inherits", 1.0));

        SuiteSpec suite = bind(pom, cli("ssgan.epochs", "2", "ssgan.seeds", " 9 , 10"));

        assertThat(suite.experiments()).allSatisfy(e -> {
            assertThat(e.epochs()).isEqualTo(2);
            assertThat(e.seeds()).containsExactly(9L, 10L);
        });
    }

    @Test
    void theOtherSteeringPropertiesOnTheCommandLineWinOverPomValues() {
        PomBinding.PluginValues pom = pom();
        pom.experiments = List.of(experiment("a", 0.1), experiment("b", 0.5), experiment("c", 1.0));
        pom.experimentIds = "a";
        pom.trainLimit = 600;
        pom.testLimit = 300;
        pom.sampleEvery = 1;
        pom.threads = 2;
        pom.dataDirectory = Path.of("/pom/mnist");
        pom.force = false;

        PomBinding.Bound bound = PomBinding.bind(pom, cli("ssgan.experiments", "c, b", "ssgan.trainLimit", "2000",
                "ssgan.testLimit", "0", "ssgan.sampleEvery", "5", "ssgan.threads", "3",
                "ssgan.outputDirectory", "/elsewhere/out", "ssgan.dataDirectory", "/cli/mnist", "ssgan.force", "true",
                "ssgan.supervisedBaseline", "false"), CORES);

        SuiteSpec suite = bound.suite();
        assertThat(suite.experiments()).extracting(ExperimentSpec::id).containsExactly("b", "c"); // declaration order
        assertThat(suite.trainLimit()).isEqualTo(2000);
        assertThat(suite.testLimit()).isZero();
        assertThat(suite.sampleEvery()).isEqualTo(5);
        assertThat(suite.threads()).isEqualTo(3);
        assertThat(suite.outputDirectory()).isEqualTo(Path.of("/elsewhere/out"));
        assertThat(bound.dataDirectory()).isEqualTo(Path.of("/cli/mnist"));
        assertThat(suite.force()).isTrue();
        assertThat(suite.supervisedBaseline()).isFalse();
    }

    @Test
    void withoutTheCommandLineThePomValuesStand() {
        PomBinding.PluginValues pom = pom();
        pom.experiments = List.of(experiment("a", 0.1), experiment("b", 0.5));
        pom.experimentIds = "b";
        pom.trainLimit = 600;
        pom.testLimit = 300;
        pom.sampleEvery = 1;
        pom.threads = 2;
        pom.dataDirectory = Path.of("/pom/mnist");
        pom.force = true;
        pom.supervisedBaseline = false;

        PomBinding.Bound bound = PomBinding.bind(pom, cli("unrelated", "x"), CORES);

        SuiteSpec suite = bound.suite();
        assertThat(suite.experiments()).extracting(ExperimentSpec::id).containsExactly("b");
        assertThat(List.of(suite.trainLimit(), suite.testLimit(), suite.sampleEvery(), suite.threads()))
                .containsExactly(600, 300, 1, 2);
        assertThat(bound.dataDirectory()).isEqualTo(Path.of("/pom/mnist"));
        assertThat(suite.force()).isTrue();
        assertThat(suite.supervisedBaseline()).isFalse();
    }

    @Test
    void otherPropertiesOnlyFillWhatThePomLeavesUnsetWhichMavenDidAlready() {
        PomBinding.PluginValues pom = pom();
        pom.batchSize = 50; // set in the POM: Maven's rule, the POM beats -Dssgan.batchSize
        pom.learningRate = 0.001;

        SuiteSpec suite = bind(pom, cli("ssgan.batchSize", "7", "ssgan.learningRate", "0.5", "ssgan.generatorLoss", "combined"));

        assertThat(suite.experiments()).allSatisfy(e -> {
            assertThat(e.batchSize()).isEqualTo(50);
            assertThat(e.learningRate()).isEqualTo(0.001);
            assertThat(e.generatorLoss()).isEqualTo(GeneratorLoss.FEATURE_MATCHING);
        });
    }

    @Test
    void relativeDirectoriesOnTheCommandLineResolveAgainstTheProjectLikeMavensOwn() {
        PomBinding.Bound bound = PomBinding.bind(pom(), cli("ssgan.outputDirectory", "results",
                "ssgan.dataDirectory", "../data/mnist"), CORES);

        assertThat(bound.suite().outputDirectory()).isEqualTo(Path.of("/project/results"));
        assertThat(bound.dataDirectory()).isEqualTo(Path.of("/project/../data/mnist"));
    }

    @Test
    void anUnknownExperimentIdFailsNamingTheParameterAndListingTheDeclaredIds() {
        PomBinding.PluginValues pom = pom();
        pom.experiments = List.of(experiment("labels-10", 0.1), experiment("labeled-100pct", 1.0));

        assertThatThrownBy(() -> bind(pom, cli("ssgan.experiments", "labels-10,labels-100")))
                .isInstanceOf(SpecException.class)
                .hasMessage("ssgan.experiments: unknown experiment id 'labels-100'; declared: labels-10, labeled-100pct");

        pom.experimentIds = "nope";
        assertThatThrownBy(() -> bind(pom, cli()))
                .isInstanceOf(SpecException.class)
                .hasMessage("experimentIds: unknown experiment id 'nope'; declared: labels-10, labeled-100pct");
    }

    @Test
    void aBlankExperimentFilterRunsAll() {
        PomBinding.PluginValues pom = pom();
        pom.experimentIds = "labeled-100pct";

        assertThat(bind(pom, cli("ssgan.experiments", " ")).experiments()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssgan.epochs", "ssgan.trainLimit", "ssgan.testLimit", "ssgan.sampleEvery", "ssgan.threads"})
    void aMalformedIntegerOnTheCommandLineFailsNamingTheProperty(String property) {
        assertThatThrownBy(() -> bind(pom(), cli(property, "2k")))
                .isInstanceOf(SpecException.class)
                .hasMessage(property + ": '2k' is not an integer");
    }

    @Test
    void malformedSeedsAndForceFailNamingTheirSource() {
        assertThatThrownBy(() -> bind(pom(), cli("ssgan.seeds", "1;2")))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("ssgan.seeds: '1;2'");
        PomBinding.PluginValues pom = pom();
        Experiment own = experiment("own", 0.1);
        own.seeds = "one";
        pom.experiments = List.of(own);
        assertThatThrownBy(() -> bind(pom, cli()))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("experiment 'own' seeds: 'one'");
        assertThatThrownBy(() -> bind(pom(), cli("ssgan.force", "yes")))
                .isInstanceOf(SpecException.class).hasMessage("ssgan.force: 'yes' is not true or false");
    }

    @Test
    void theShardOnTheCommandLineBeatsThePomsAndWithoutEitherTheSuiteIsWhole() {
        assertThat(bind(pom(), cli()).shard()).isEqualTo(Shard.ALL);
        PomBinding.PluginValues pom = pom();
        pom.shard = "1/3";
        assertThat(bind(pom, cli()).shard()).isEqualTo(new Shard(1, 3));
        assertThat(bind(pom, cli("ssgan.shard", "2/4")).shard()).isEqualTo(new Shard(2, 4));
        // every shard keeps the whole grid: the shard only selects which runs this invocation trains
        assertThat(bind(pom, cli("ssgan.shard", "2/4")).runs()).isEqualTo(bind(pom(), cli()).runs());
    }

    @Test
    void aMalformedShardFailsNamingItsSource() {
        assertThatThrownBy(() -> bind(pom(), cli("ssgan.shard", "/4")))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("ssgan.shard: '/4' is not of the form i/n");
        // an unset CI variable: -Dssgan.shard= is a mistake, not "all runs"
        assertThatThrownBy(() -> bind(pom(), cli("ssgan.shard", "")))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("ssgan.shard: ");
        assertThatThrownBy(() -> bind(pom(), cli("ssgan.shard", "5/4")))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("ssgan.shard: '5/4': the shard number");
        PomBinding.PluginValues pom = pom();
        pom.shard = "0/2";
        assertThatThrownBy(() -> bind(pom, cli()))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("shard: '0/2'");
        pom.shard = "1/0";
        assertThatThrownBy(() -> bind(pom, cli()))
                .isInstanceOf(SpecException.class).hasMessage("shard: '1/0': the number of shards must be at least 1");
    }

    /** One thread unless set, whatever the machine: the same POM and seed give the same digits anywhere. */
    @Test
    void threadsDefaultToOneOnAnyMachine() {
        assertThat(bind(pom(), cli()).threads()).isEqualTo(1);
        assertThat(PomBinding.bind(pom(), cli(), 64).suite().threads()).isEqualTo(1);
        PomBinding.PluginValues pom = pom();
        pom.threads = 2;
        assertThat(bind(pom, cli()).threads()).isEqualTo(2);
    }

    /** Runs side by side fill the cores with each run's threads, within four fifths of the memory; set, they win. */
    @Test
    void parallelRunsDefaultToTheCoresOverTheThreadsWithinTheMemory() {
        PomBinding.PluginValues pom = pom();
        assertThat(bind(pom, cli()).parallelRuns()).as("one thread each by default").isEqualTo(CORES);
        pom.threads = CORES;
        assertThat(bind(pom, cli()).parallelRuns()).as("all cores to one run").isEqualTo(1);
        pom.threads = 1;
        assertThat(bind(pom, cli()).parallelRuns()).isEqualTo(CORES);
        pom.threads = 4;
        assertThat(bind(pom, cli()).parallelRuns()).as("6 cores, 4 threads").isEqualTo(1);
        pom.threads = 2;
        assertThat(bind(pom, cli()).parallelRuns()).isEqualTo(3);
        assertThat(bind(pom, cli("ssgan.threads", "1")).parallelRuns()).isEqualTo(CORES);
        // 4 GiB hold two training JVMs within four fifths of it
        pom.threads = 1;
        assertThat(PomBinding.bind(pom, cli(), CORES, 4L << 30).suite().parallelRuns()).isEqualTo(2);
        assertThat(PomBinding.bind(pom, cli(), CORES, 1L << 30).suite().parallelRuns()).isEqualTo(1);
        pom.parallelRuns = 5;
        assertThat(bind(pom, cli()).parallelRuns()).isEqualTo(5);
        assertThat(bind(pom, cli("ssgan.parallelRuns", "2")).parallelRuns()).isEqualTo(2);
        assertThat(bind(pom, cli()).part()).isEqualTo(Shard.ALL);
        pom.parallelRuns = 0;
        assertThatThrownBy(() -> bind(pom, cli()))
                .isInstanceOf(SpecException.class).hasMessage("parallelRuns: 0 must be positive");
        assertThatThrownBy(() -> bind(pom(), cli("ssgan.parallelRuns", "-1")))
                .isInstanceOf(SpecException.class).hasMessage("ssgan.parallelRuns: -1 must be positive");
        assertThatThrownBy(() -> bind(pom(), cli("ssgan.parallelRuns", "two")))
                .isInstanceOf(SpecException.class).hasMessage("ssgan.parallelRuns: 'two' is not an integer");
    }

    @Test
    void bindingChangesNoneOfItsInputs() {
        PomBinding.PluginValues pom = pom();
        Experiment own = experiment("own", 0.1);
        own.epochs = 300;
        pom.experiments = new ArrayList<>(List.of(own));
        pom.epochs = 100;
        pom.seeds = "1";
        pom.trainLimit = 600;
        Properties cli = cli("ssgan.epochs", "2", "ssgan.seeds", "4", "ssgan.trainLimit", "10",
                "ssgan.outputDirectory", "/x", "ssgan.threads", "1");

        bind(pom, cli);

        assertThat(pom.epochs).isEqualTo(100);
        assertThat(pom.seeds).isEqualTo("1");
        assertThat(pom.trainLimit).isEqualTo(600);
        assertThat(pom.threads).isNull();
        assertThat(pom.outputDirectory).isEqualTo(OUT);
        assertThat(pom.experiments).containsExactly(own);
        assertThat(own.epochs).isEqualTo(300);
        assertThat(own.seeds).isNull();
        assertThat(cli).hasSize(5);
    }

    // --- training techniques ---

    @Test
    void theTechniquesAreOffUnlessSetAndAnExperimentsValueBeatsThePluginLevelOne() {
        assertThat(bind(pom(), cli()).experiments()).allSatisfy(e -> assertThat(e.techniques()).isEqualTo(Techniques.NONE));

        PomBinding.PluginValues pom = pom();
        pom.historicalAveraging = 1e-4;
        pom.labelSmoothing = 0.9;
        pom.minibatchKernels = 50;
        pom.minibatchKernelDimension = 3;
        pom.generatorNormalization = "virtual";
        pom.entropyWeight = 0.5;
        pom.pullAwayWeight = 0.2;
        Experiment own = experiment("own", 0.1);
        own.historicalAveraging = 0.0;
        own.labelSmoothing = 1.0;
        own.minibatchKernels = 100;
        own.minibatchKernelDimension = 5;
        own.generatorNormalization = "batch";
        own.entropyWeight = 1.0;
        own.pullAwayWeight = 0.0;
        pom.experiments = List.of(own, experiment("inherits", 0.5));

        SuiteSpec suite = bind(pom, cli());
        suite.validate();

        assertThat(only(suite, "own").techniques())
                .isEqualTo(new Techniques(0, 1, 100, 5, GeneratorNormalization.BATCH, 1.0, 0));
        assertThat(only(suite, "inherits").techniques())
                .isEqualTo(new Techniques(1e-4, 0.9, 50, 3, GeneratorNormalization.VIRTUAL, 0.5, 0.2));
    }

    @Test
    void anUnknownGeneratorNormalizationFailsNamingWhereItWasSet() {
        Experiment own = experiment("own", 0.1);
        own.generatorNormalization = "layer";
        PomBinding.PluginValues pom = pom();
        pom.experiments = List.of(own);
        assertThatThrownBy(() -> bind(pom, cli()))
                .isInstanceOf(SpecException.class)
                .hasMessage("experiment 'own' generatorNormalization: unknown generator normalization 'layer'; "
                        + "allowed values: batch, virtual");

        PomBinding.PluginValues plugin = pom();
        plugin.generatorNormalization = "Virtual";
        assertThatThrownBy(() -> bind(plugin, cli()))
                .isInstanceOf(SpecException.class)
                .hasMessage("generatorNormalization: unknown generator normalization 'Virtual'; allowed values: batch, virtual");
    }

    @Test
    void aBadTechniqueValueFailsValidationNamingTheExperimentAndTheOption() {
        PomBinding.PluginValues pom = pom();
        Experiment smooth = experiment("smooth", 0.1);
        smooth.labelSmoothing = 1.5;
        pom.experiments = List.of(smooth);
        assertThatThrownBy(() -> bind(pom, cli()).validate())
                .isInstanceOf(SpecException.class)
                .hasMessage("experiment 'smooth' labelSmoothing: 1.5 is outside (0, 1] (1: off)");

        // a plugin-level value is checked in every experiment that inherits it
        PomBinding.PluginValues plugin = pom();
        plugin.entropyWeight = -1;
        assertThatThrownBy(() -> bind(plugin, cli()).validate())
                .isInstanceOf(SpecException.class)
                .hasMessage("experiment 'labeled-10pct' entropyWeight: -1.0 must be a non-negative number (0: off)");

        PomBinding.PluginValues old = pom();
        Experiment v2 = experiment("v2", 0.1);
        v2.algorithm = "salimans2016-pi-mnist/2";
        v2.pullAwayWeight = 0.1;
        old.experiments = List.of(v2);
        assertThatThrownBy(() -> bind(old, cli()).validate())
                .isInstanceOf(SpecException.class)
                .hasMessage("experiment 'v2' pullAwayWeight: needs algorithm salimans2016-pi-mnist/3 or later; "
                        + "salimans2016-pi-mnist/2 is frozen as its results were made");
    }
}
