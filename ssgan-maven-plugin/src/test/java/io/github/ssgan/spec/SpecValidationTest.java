package io.github.ssgan.spec;

import io.github.ssgan.results.RunDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidationTest {
    private static ExperimentSpec fraction(String id, Double labeledFraction) {
        return new ExperimentSpec(id, labeledFraction, null, 10, List.of(1L, 2L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0);
    }

    private static ExperimentSpec valid() {
        return fraction("ok", 0.1);
    }

    private static ExperimentSpec withEpochs(int epochs) {
        return new ExperimentSpec("ok", 0.1, null, epochs, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0);
    }

    private static ExperimentSpec withBatchSize(int batchSize) {
        return new ExperimentSpec("ok", 0.1, null, 10, List.of(1L), batchSize, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0);
    }

    private static SuiteSpec suite(List<ExperimentSpec> experiments) {
        return new SuiteSpec(experiments, 0, 0, 10, 1, Path.of("target", "ssgan"), false, false);
    }

    @Test
    void aValidSpecPasses() {
        assertThatCode(() -> valid().validate()).doesNotThrowAnyException();
        assertThatCode(() -> new ExperimentSpec("n100", null, 10, 1, List.of(5L), 1, 1e-4, GeneratorLoss.COMBINED, 0).validate())
                .doesNotThrowAnyException();
        assertThatCode(() -> suite(List.of(valid(), fraction("other_1.2-b", 1.0))).validate()).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, 1.0000001, 2.0, Double.NaN})
    void labeledFractionOutsideTheUnitIntervalIsRejected(double f) {
        assertThatThrownBy(() -> fraction("frac", f).validate())
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiment 'frac' labeledFraction: ")
                .hasMessageContaining("outside (0, 1]");
        assertThatThrownBy(() -> suite(List.of(fraction("frac", f))).validate())
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("labeledFraction");
    }

    @Test
    void labeledFractionOfOneIsAllowed() {
        assertThatCode(() -> fraction("all", 1.0).validate()).doesNotThrowAnyException();
    }

    @Test
    void bothLabeledFractionAndLabelsPerClassIsRejected() {
        ExperimentSpec both = new ExperimentSpec("both", 0.1, 10, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1);

        assertThatThrownBy(both::validate)
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiment 'both' labeledFraction/labelsPerClass: ")
                .hasMessageContaining("both are set");
        assertThatThrownBy(() -> suite(List.of(both)).validate()).hasMessageContaining("labeledFraction/labelsPerClass");
    }

    @Test
    void neitherLabeledFractionNorLabelsPerClassIsRejected() {
        ExperimentSpec neither = fraction("neither", null);

        assertThatThrownBy(neither::validate)
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiment 'neither' labeledFraction/labelsPerClass: ")
                .hasMessageContaining("neither is set");
        assertThatThrownBy(() -> suite(List.of(neither)).validate()).hasMessageContaining("labeledFraction/labelsPerClass");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void nonPositiveLabelsPerClassIsRejected(int n) {
        ExperimentSpec spec = new ExperimentSpec("lpc", null, n, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1);

        assertThatThrownBy(spec::validate)
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiment 'lpc' labelsPerClass: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "../x", "", "x/y", ".hidden", "-dash", "a\\b", "é"})
    void malformedIdIsRejected(String id) {
        assertThatThrownBy(() -> fraction(id, 0.1).validate())
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiments/experiment/id: '" + id + "' is not a valid id");
        assertThatThrownBy(() -> suite(List.of(valid(), fraction(id, 0.1))).validate())
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiments/experiment/id: ");
    }

    @Test
    void missingIdIsRejected() {
        assertThatThrownBy(() -> fraction(null, 0.1).validate())
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiments/experiment/id: 'null'");
    }

    @Test
    void duplicateIdsAreRejected() {
        SuiteSpec twice = suite(List.of(fraction("same", 0.1), fraction("other", 0.2), fraction("same", 0.5)));

        assertThatThrownBy(twice::validate)
                .isInstanceOf(SpecException.class)
                .hasMessage("experiments/experiment/id: duplicate experiment id 'same'");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void nonPositiveEpochsAreRejected(int epochs) {
        assertThatThrownBy(() -> withEpochs(epochs).validate())
                .isInstanceOf(SpecException.class)
                .hasMessage("experiment 'ok' epochs: " + epochs + " must be positive");
        assertThatThrownBy(() -> suite(List.of(withEpochs(epochs))).validate()).hasMessageContaining("epochs");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -64})
    void nonPositiveBatchSizeIsRejected(int batchSize) {
        assertThatThrownBy(() -> withBatchSize(batchSize).validate())
                .isInstanceOf(SpecException.class)
                .hasMessage("experiment 'ok' batchSize: " + batchSize + " must be positive");
        assertThatThrownBy(() -> suite(List.of(withBatchSize(batchSize))).validate()).hasMessageContaining("batchSize");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.001, Double.NaN, Double.POSITIVE_INFINITY})
    void learningRateMustBeAPositiveNumber(double lr) {
        ExperimentSpec spec = new ExperimentSpec("ok", 0.1, null, 10, List.of(1L), 100, lr, GeneratorLoss.FEATURE_MATCHING, 1);

        assertThatThrownBy(spec::validate).isInstanceOf(SpecException.class).hasMessageStartingWith("experiment 'ok' learningRate: ");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void unlabeledWeightMustBeANonNegativeNumber(double w) {
        ExperimentSpec spec = new ExperimentSpec("ok", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, w);

        assertThatThrownBy(spec::validate).isInstanceOf(SpecException.class).hasMessageStartingWith("experiment 'ok' unlabeledWeight: ");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, -0.1, Double.NaN})
    void averagingDecayMustBeInTheUnitInterval(double decay) {
        ExperimentSpec spec = new ExperimentSpec("ok", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1,
                decay, Algorithm.LATEST);

        assertThatThrownBy(spec::validate).isInstanceOf(SpecException.class).hasMessageStartingWith("experiment 'ok' averagingDecay: ");
    }

    @Test
    void seedsMustBePresentAndDistinct() {
        ExperimentSpec none = new ExperimentSpec("ok", 0.1, null, 10, List.of(), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1);
        ExperimentSpec dup = new ExperimentSpec("ok", 0.1, null, 10, List.of(3L, 4L, 3L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1);

        assertThatThrownBy(none::validate).isInstanceOf(SpecException.class).hasMessage("experiment 'ok' seeds: no seeds given");
        assertThatThrownBy(dup::validate).isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiment 'ok' seeds: duplicate seeds in [3, 4, 3]");
    }

    @Test
    void suiteLevelParametersAreChecked() {
        List<ExperimentSpec> one = List.of(valid());
        Path out = Path.of("out");

        assertThatThrownBy(() -> suite(List.of()).validate()).isInstanceOf(SpecException.class).hasMessageStartingWith("experiments: ");
        assertThatThrownBy(() -> new SuiteSpec(one, -1, 0, 10, 1, out, false, false).validate()).hasMessageStartingWith("trainLimit: ");
        assertThatThrownBy(() -> new SuiteSpec(one, 0, -1, 10, 1, out, false, false).validate()).hasMessageStartingWith("testLimit: ");
        assertThatThrownBy(() -> new SuiteSpec(one, 0, 0, 0, 1, out, false, false).validate()).hasMessageStartingWith("sampleEvery: ");
        assertThatThrownBy(() -> new SuiteSpec(one, 0, 0, 10, 0, out, false, false).validate()).hasMessageStartingWith("threads: ");
        assertThatThrownBy(() -> new SuiteSpec(one, 0, 0, 10, 1, null, false, false).validate()).hasMessageStartingWith("outputDirectory: ");
    }

    @Test
    void generatorLossParsesItsIds() {
        assertThat(GeneratorLoss.parse("feature-matching", "generatorLoss")).isEqualTo(GeneratorLoss.FEATURE_MATCHING);
        assertThat(GeneratorLoss.parse(" combined ", "generatorLoss")).isEqualTo(GeneratorLoss.COMBINED);
        assertThat(GeneratorLoss.COMBINED).hasToString("combined");
    }

    @Test
    void algorithmParsesItsIdsAndAnUnknownOneListsTheVersions() {
        assertThat(Algorithm.parse(" salimans2016-pi-mnist/1 ", "ssgan.algorithm")).isEqualTo(Algorithm.V1);
        assertThat(Algorithm.parse("salimans2016-pi-mnist/2", "ssgan.algorithm")).isEqualTo(Algorithm.V2);
        assertThatThrownBy(() -> Algorithm.parse("salimans2016-pi-mnist/9", "experiment 'x' algorithm"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiment 'x' algorithm: ")
                .hasMessageContaining("'salimans2016-pi-mnist/9'")
                .hasMessageContaining("salimans2016-pi-mnist/1, salimans2016-pi-mnist/2");
    }

    @Test
    void theAlgorithmVersionIsHashedAndDefaultsToTheLatest() {
        ExperimentSpec unset = new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0,
                null, null);
        ExperimentSpec v1 = new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0,
                null, Algorithm.V1);

        assertThat(unset.algorithm()).isEqualTo(Algorithm.LATEST).isEqualTo(Algorithm.V3);
        assertThat(new RunSpec(unset, 1, 0, 0, 10).hashedSettings(DATA)).containsEntry("algorithm", "salimans2016-pi-mnist/3");
        assertThat(hash(unset, 1)).isNotEqualTo(hash(v1, 1));
    }

    @Test
    void unknownGeneratorLossListsTheAllowedValues() {
        assertThatThrownBy(() -> GeneratorLoss.parse("minimax", "experiments/experiment/generatorLoss"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("experiments/experiment/generatorLoss: ")
                .hasMessageContaining("'minimax'")
                .hasMessageContaining("feature-matching, combined");
    }

    @Test
    void seedsParseFromACommaSeparatedList() {
        assertThat(ExperimentSpec.parseSeeds("1,2,3", "seeds")).containsExactly(1L, 2L, 3L);
        assertThat(ExperimentSpec.parseSeeds(" 7 , -8 ,9000000000 ", "seeds")).containsExactly(7L, -8L, 9_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,x", "1;2", "1,,2", "0.5"})
    void malformedSeedsNameTheParameter(String value) {
        assertThatThrownBy(() -> ExperimentSpec.parseSeeds(value, "ssgan.seeds"))
                .isInstanceOf(SpecException.class)
                .hasMessage("ssgan.seeds: '" + value + "' is not a comma-separated list of integers");
    }

    @Test
    void blankSeedsNameTheParameter() {
        assertThatThrownBy(() -> ExperimentSpec.parseSeeds(" ", "ssgan.seeds"))
                .isInstanceOf(SpecException.class)
                .hasMessage("ssgan.seeds: no seeds given");
    }

    @Test
    void labeledCountRoundsTheFractionOrTakesTheFixedNumber() {
        assertThat(fraction("f", 0.3).labeledCount(5)).isEqualTo(2);
        assertThat(fraction("f", 0.01).labeledCount(5923)).isEqualTo(59);
        assertThat(new ExperimentSpec("n", null, 10, 1, List.of(1L), 1, 0.1, GeneratorLoss.COMBINED, 1).labeledCount(5923))
                .isEqualTo(10);
    }

    @Test
    void suiteExpandsEveryExperimentSeedIntoARunWithItsOwnDirectory() {
        SuiteSpec s = new SuiteSpec(List.of(fraction("a", 0.1), fraction("b", 0.2)), 500, 100, 5, 2,
                Path.of("out"), false, false);

        List<RunSpec> runs = s.runs();

        assertThat(runs).extracting(RunSpec::id).containsExactly("a/seed-1", "a/seed-2", "b/seed-1", "b/seed-2");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.trainLimit()).isEqualTo(500);
            assertThat(r.testLimit()).isEqualTo(100);
            assertThat(r.sampleEvery()).isEqualTo(5);
        });
        assertThat(RunDirectory.of(s.outputDirectory(), runs.get(3)).path()).isEqualTo(Path.of("out", "b", "seed-2"));
    }

    // --- configHash ---

    private static final Map<String, String> DATA = Map.of("train-images-idx3-ubyte", "aa", "t10k-images-idx3-ubyte", "bb");

    private static ExperimentSpec spec(Double fraction, int epochs, double lr) {
        return new ExperimentSpec("h", fraction, null, epochs, List.of(1L, 2L), 100, lr, GeneratorLoss.FEATURE_MATCHING, 1.0);
    }

    private static String hash(ExperimentSpec e, long seed) {
        return new RunSpec(e, seed, 0, 0, 10).configHash(DATA);
    }

    @Test
    void configHashIsAStableSha256() {
        String h = hash(spec(0.1, 10, 0.003), 1);

        assertThat(h).matches("[0-9a-f]{64}");
        assertThat(hash(spec(0.1, 10, 0.003), 1)).isEqualTo(h);
        assertThat(new RunSpec(spec(0.1, 10, 0.003), 1, 0, 0, 10).configHash(new java.util.HashMap<>(DATA))).isEqualTo(h);
    }

    @Test
    void configHashChangesWithEverySettingThatChangesTheNumbers() {
        ExperimentSpec base = spec(0.1, 10, 0.003);
        String h = hash(base, 1);

        assertThat(hash(base, 2)).as("seed").isNotEqualTo(h);
        assertThat(hash(spec(0.2, 10, 0.003), 1)).as("labeledFraction").isNotEqualTo(h);
        assertThat(hash(spec(0.1, 10, 0.001), 1)).as("learningRate").isNotEqualTo(h);
        assertThat(hash(new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 50, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0), 1))
                .as("batchSize").isNotEqualTo(h);
        assertThat(hash(new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.COMBINED, 1.0), 1))
                .as("generatorLoss").isNotEqualTo(h);
        assertThat(hash(new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0, 0.9999, Algorithm.LATEST), 1))
                .as("averagingDecay").isNotEqualTo(h);
        assertThat(new RunSpec(base, 1, 1000, 0, 10).configHash(DATA)).as("trainLimit").isNotEqualTo(h);
        assertThat(new RunSpec(base, 1, 0, 0, 10).configHash(Map.of("train-images-idx3-ubyte", "cc", "t10k-images-idx3-ubyte", "bb")))
                .as("dataset").isNotEqualTo(h);
    }

    @Test
    void theDefaultAveragingDecayKeepsTheHashOfRunsMadeBeforeItWasASetting() {
        ExperimentSpec unset = new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0, null,
                Algorithm.V1);

        assertThat(unset.averagingDecay()).isEqualTo(ExperimentSpec.DEFAULT_AVERAGING_DECAY);
        assertThat(new RunSpec(unset, 1, 0, 0, 10).hashedSettings(DATA)).doesNotContainKey("averagingDecay");
        // the hash of this spec before averagingDecay and algorithm were settings (commit b653733)
        assertThat(hash(unset, 1)).isEqualTo("a9b5ce1e0e65489505a08aacc016d924afad3fae968b238b83dcf8f2b75cd337");
    }

    /**
     * From /3 on the thread count is hashed (the BLAS gives other digits on another count); /1 and /2 do not hash it,
     * so every result they made keeps its hash.
     */
    @Test
    void theThreadCountIsHashedFromVersionThreeOnOnly() {
        for (Algorithm algorithm : Algorithm.values()) {
            ExperimentSpec e = new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING,
                    1.0, null, algorithm);
            RunSpec one = new RunSpec(e, 1, 0, 0, 10, false, 1);
            RunSpec two = one.withThreads(2);
            assertThat(algorithm.hashesThreads()).as(algorithm.id).isEqualTo(algorithm.compareTo(Algorithm.V3) >= 0);
            if (algorithm.hashesThreads()) {
                assertThat(one.hashedSettings(DATA)).containsEntry("threads", 1);
                assertThat(two.configHash(DATA)).as(algorithm.id).isNotEqualTo(one.configHash(DATA));
                assertThat(two.baseline().configHash(DATA)).isNotEqualTo(one.baseline().configHash(DATA));
            } else {
                assertThat(one.hashedSettings(DATA)).doesNotContainKey("threads");
                assertThat(two.configHash(DATA)).as(algorithm.id).isEqualTo(one.configHash(DATA));
            }
        }
        // a suite's runs carry its thread count, baselines included
        SuiteSpec suite = new SuiteSpec(List.of(fraction("a", 0.1)), 0, 0, 5, 3, Path.of("out"), true, false);
        assertThat(suite.runs()).extracting(RunSpec::threads).containsOnly(3);
    }

    @Test
    void configHashIgnoresEpochsAndSampleEverySoLongerRunsResume() {
        String h = hash(spec(0.1, 10, 0.003), 1);

        assertThat(hash(spec(0.1, 300, 0.003), 1)).isEqualTo(h);
        assertThat(new RunSpec(spec(0.1, 10, 0.003), 1, 0, 0, 1).configHash(DATA)).isEqualTo(h);
    }

    // --- training techniques ---

    private static Techniques techniques(double historicalAveraging, double labelSmoothing, int kernels, int dimension,
                                         GeneratorNormalization normalization, double entropy, double pullAway) {
        return new Techniques(historicalAveraging, labelSmoothing, kernels, dimension, normalization, entropy, pullAway);
    }

    /** Each technique switched on alone, by name. */
    private static Map<String, Techniques> eachTechniqueOn() {
        Techniques n = Techniques.NONE;
        return Map.of(
                "historicalAveraging", techniques(1e-4, 1, 0, 5, n.generatorNormalization(), 0, 0),
                "labelSmoothing", techniques(0, 0.9, 0, 5, n.generatorNormalization(), 0, 0),
                "minibatchKernels", techniques(0, 1, 100, 5, n.generatorNormalization(), 0, 0),
                "generatorNormalization", techniques(0, 1, 0, 5, GeneratorNormalization.VIRTUAL, 0, 0),
                "entropyWeight", techniques(0, 1, 0, 5, n.generatorNormalization(), 1.0, 0),
                "pullAwayWeight", techniques(0, 1, 0, 5, n.generatorNormalization(), 0, 0.1));
    }

    @Test
    void everyTechniqueIsOffByDefaultAndHashedOnlyWhenSet() {
        assertThat(valid().techniques()).isEqualTo(Techniques.NONE);
        assertThat(Techniques.NONE.isDefault()).isTrue();
        assertThat(Techniques.NONE.hashed()).isEmpty();
        assertThat(new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0,
                null, null, null).techniques()).isEqualTo(Techniques.NONE);
        // a kernel dimension without kernels changes nothing, so it is not hashed
        assertThat(techniques(0, 1, 0, 3, GeneratorNormalization.BATCH, 0, 0).isDefault()).isTrue();
        assertThat(techniques(0, 1, 100, 5, GeneratorNormalization.BATCH, 0, 0).hashed())
                .containsExactly(Map.entry("minibatchKernels", 100), Map.entry("minibatchKernelDimension", 5));
        assertThat(Techniques.NAMES).containsAll(eachTechniqueOn().keySet()).contains("minibatchKernelDimension");

        String plain = hash(spec(0.1, 10, 0.003), 1);
        eachTechniqueOn().forEach((name, t) -> {
            ExperimentSpec e = spec(0.1, 10, 0.003).withTechniques(t);
            assertThat(t.isDefault()).as(name).isFalse();
            assertThat(t.hashed()).as(name).containsKey(name);
            assertThat(new RunSpec(e, 1, 0, 0, 10).hashedSettings(DATA)).as(name).containsAllEntriesOf(t.hashed());
            assertThat(hash(e, 1)).as(name).isNotEqualTo(plain);
            // a baseline trains without them: the plain experiment's baseline
            assertThat(new RunSpec(e, 1, 0, 0, 10).baseline().hashedSettings(DATA)).as(name)
                    .isEqualTo(new RunSpec(spec(0.1, 10, 0.003), 1, 0, 0, 10).baseline().hashedSettings(DATA));
            assertThatCode(e::validate).as(name).doesNotThrowAnyException();
        });
        assertThat(new RunSpec(spec(0.1, 10, 0.003).withTechniques(eachTechniqueOn().get("generatorNormalization")), 1,
                0, 0, 10).hashedSettings(DATA)).containsEntry("generatorNormalization", "virtual");
    }

    /** The hashes of a plain /3 run and its baseline, computed before the techniques existed (commit 70d6bc9). */
    @Test
    void theTechniquesKeepTheHashOfEveryRunMadeBeforeThem() {
        ExperimentSpec plain = new ExperimentSpec("h", 0.1, null, 10, List.of(1L), 100, 0.003, GeneratorLoss.FEATURE_MATCHING, 1.0);
        RunSpec run = new RunSpec(plain, 1, 0, 0, 10);

        assertThat(run.hashedSettings(DATA)).doesNotContainKeys(Techniques.NAMES.toArray(String[]::new));
        assertThat(run.configHash(DATA)).isEqualTo("c28df39455ac2c3bdddefec943c4f1c5bd9bec74fe1b4c81e9b79cbdf534faa6");
        assertThat(run.baseline().configHash(DATA)).isEqualTo("627b11c608366f8e97a15c237133e0ef5c3aa7b2ee0984ef2810a9fa149f7d64");
        assertThat(plain.withTechniques(Techniques.NONE)).isEqualTo(plain);
    }

    private static void assertRejected(Techniques t, String option, String problem) {
        ExperimentSpec e = valid().withTechniques(t);
        assertThatThrownBy(e::validate).isInstanceOf(SpecException.class)
                .hasMessage("experiment 'ok' " + option + ": " + problem);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e-3, Double.NaN, Double.POSITIVE_INFINITY})
    void aNegativeOrNonFiniteTechniqueWeightIsRejectedByName(double w) {
        GeneratorNormalization b = GeneratorNormalization.BATCH;
        String problem = w + " must be a non-negative number (0: off)";
        assertRejected(techniques(w, 1, 0, 5, b, 0, 0), "historicalAveraging", problem);
        assertRejected(techniques(0, 1, 0, 5, b, w, 0), "entropyWeight", problem);
        assertRejected(techniques(0, 1, 0, 5, b, 0, w), "pullAwayWeight", problem);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, 1.0001, Double.NaN, Double.POSITIVE_INFINITY})
    void labelSmoothingOutsideTheUnitIntervalIsRejected(double alpha) {
        assertRejected(techniques(0, alpha, 0, 5, GeneratorNormalization.BATCH, 0, 0), "labelSmoothing",
                alpha + " is outside (0, 1] (1: off)");
    }

    @Test
    void minibatchKernelsAndTheirDimensionAreRejectedOutOfRange() {
        assertRejected(techniques(0, 1, -1, 5, GeneratorNormalization.BATCH, 0, 0), "minibatchKernels",
                "-1 must be non-negative (0: off)");
        assertRejected(techniques(0, 1, 10, 0, GeneratorNormalization.BATCH, 0, 0), "minibatchKernelDimension",
                "0 must be positive");
        assertRejected(techniques(0, 1, 0, -2, GeneratorNormalization.BATCH, 0, 0), "minibatchKernelDimension",
                "-2 must be positive");
    }

    @Test
    void aTechniqueNeedsVersionThreeTheEarlierOnesAreFrozen() {
        for (Algorithm frozen : List.of(Algorithm.V1, Algorithm.V2)) {
            assertThat(frozen.hasTechniques()).isFalse();
            eachTechniqueOn().forEach((name, t) -> {
                ExperimentSpec e = new ExperimentSpec("old", 0.1, null, 10, List.of(1L), 100, 0.003,
                        GeneratorLoss.FEATURE_MATCHING, 1.0, null, frozen, t);
                assertThatThrownBy(e::validate).as(name).isInstanceOf(SpecException.class)
                        .hasMessage("experiment 'old' " + name + ": needs algorithm salimans2016-pi-mnist/3 or later; "
                                + frozen.id + " is frozen as its results were made");
            });
            assertThatCode(new ExperimentSpec("old", 0.1, null, 10, List.of(1L), 100, 0.003,
                    GeneratorLoss.FEATURE_MATCHING, 1.0, null, frozen, Techniques.NONE)::validate)
                    .doesNotThrowAnyException();
        }
        assertThat(Algorithm.V3.hasTechniques()).isTrue();
    }

    @Test
    void unknownGeneratorNormalizationListsTheAllowedValues() {
        assertThat(GeneratorNormalization.parse(" virtual ", "generatorNormalization")).isEqualTo(GeneratorNormalization.VIRTUAL);
        assertThat(GeneratorNormalization.parse("batch", "generatorNormalization")).isEqualTo(GeneratorNormalization.BATCH);
        assertThatThrownBy(() -> GeneratorNormalization.parse("layer", "experiment 'x' generatorNormalization"))
                .isInstanceOf(SpecException.class)
                .hasMessage("experiment 'x' generatorNormalization: unknown generator normalization 'layer'; "
                        + "allowed values: batch, virtual");
    }
}
