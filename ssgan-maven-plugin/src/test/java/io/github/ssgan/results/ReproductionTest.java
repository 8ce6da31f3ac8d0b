package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.GeneratorNormalization;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.Techniques;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproductionTest {
    @TempDir
    Path dir;

    /** A result whose config is the hashed settings of a run, as SuiteRunner writes it. */
    private RunResult resultOf(ExperimentSpec e) {
        Map<String, Object> config = new TreeMap<>(new RunSpec(e, 7, 0, 0, 10).hashedSettings(Map.of("train", "aa")));
        config.put("epochs", e.epochs());
        RunResult r = RunResultTest.result();
        RunResult written = new RunResult(e.id(), 7, r.labeledCount(), r.labeledFraction(), e.epochs(),
                r.testAccuracy(), r.history(), r.configHash(), config, r.dataset(), r.provenance(), r.durationSeconds());
        written.write(dir.resolve(RunDirectory.RESULT));
        return RunResult.read(dir.resolve(RunDirectory.RESULT));
    }

    @Test
    void theTechniquesThatAreSetRoundTripThroughResultJsonIntoThePomFragment() {
        ExperimentSpec e = new ExperimentSpec("tricks", 0.1, null, 2, List.of(7L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0).withTechniques(
                new Techniques(1e-4, 0.9, 100, 5, GeneratorNormalization.VIRTUAL, 0.5, 0.25));

        String xml = Reproduction.pomFragment(resultOf(e));

        assertThat(xml).contains("<historicalAveraging>1.0E-4</historicalAveraging>", "<labelSmoothing>0.9</labelSmoothing>",
                "<minibatchKernels>100</minibatchKernels>", "<minibatchKernelDimension>5</minibatchKernelDimension>",
                "<generatorNormalization>virtual</generatorNormalization>", "<entropyWeight>0.5</entropyWeight>",
                "<pullAwayWeight>0.25</pullAwayWeight>", "<algorithm>salimans2016-pi-mnist/3</algorithm>");
    }

    @Test
    void aRunWithoutTechniquesNamesNone() {
        String xml = Reproduction.pomFragment(resultOf(new ExperimentSpec("plain", 0.1, null, 2, List.of(7L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0)));

        assertThat(Techniques.NAMES).allSatisfy(name -> assertThat(xml).doesNotContain("<" + name + ">"));
        assertThat(xml).contains("<labeledFraction>0.1</labeledFraction>");
    }
}
