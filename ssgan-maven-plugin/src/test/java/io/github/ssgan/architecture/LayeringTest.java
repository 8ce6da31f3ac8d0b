package io.github.ssgan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The package layering (README, "Repository layout"), held by test: each layer imports only layers below it, so the engine can be
 * read (and reused by the report and check goals) bottom-up, and nothing below {@code maven} knows it runs in Maven.
 *
 * <pre>
 * maven, bench            front ends: the mojos, the benchmark
 * check                   quality gates: rules over a results set, verdicts and their renderers
 * run                     a suite: up to date, lock, resume, the forked training JVM
 * training                one run's loop, made of parts
 * results                 result files and the model that groups them by experiment
 * model, data             the networks and kernels; MNIST
 * spec, storage, memory   what a run is; atomic files, JSON, SHA-256; off-heap views
 * </pre>
 */
class LayeringTest {
    static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.ssgan");

    /** The rule; {@link #layeringFailsOnAnUpwardImport} checks that it can fail. */
    static ArchRule layering() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("maven").definedBy("io.github.ssgan.maven..")
                .layer("bench").definedBy("io.github.ssgan.bench..")
                .layer("check").definedBy("io.github.ssgan.check..")
                .layer("run").definedBy("io.github.ssgan.run..")
                .layer("training").definedBy("io.github.ssgan.training..")
                .layer("results").definedBy("io.github.ssgan.results..")
                .layer("model").definedBy("io.github.ssgan.model..")
                .layer("data").definedBy("io.github.ssgan.data..")
                .layer("spec").definedBy("io.github.ssgan.spec..")
                .layer("storage").definedBy("io.github.ssgan.storage..")
                .layer("memory").definedBy("io.github.ssgan.memory..")
                .whereLayer("maven").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .whereLayer("check").mayOnlyBeAccessedByLayers("maven")
                .whereLayer("run").mayOnlyBeAccessedByLayers("maven", "bench")
                .whereLayer("training").mayOnlyBeAccessedByLayers("run", "maven", "bench")
                .whereLayer("results").mayOnlyBeAccessedByLayers("check", "training", "run", "maven", "bench")
                .whereLayer("model").mayOnlyBeAccessedByLayers("results", "training", "run", "maven", "bench")
                .whereLayer("data").mayOnlyBeAccessedByLayers("results", "training", "run", "maven", "bench")
                .whereLayer("spec").mayOnlyBeAccessedByLayers("model", "data", "results", "check", "training", "run", "maven",
                        "bench")
                .whereLayer("storage").mayOnlyBeAccessedByLayers("spec", "model", "data", "results", "check", "training",
                        "run", "maven", "bench")
                .whereLayer("memory").mayOnlyBeAccessedByLayers("model", "data", "results", "training", "run", "maven",
                        "bench");
    }

    @Test
    void layersImportOnlyDownwards() {
        layering().check(ENGINE);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.github.ssgan.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void onlyTheMavenPackageKnowsMaven() {
        noClasses().that().resideOutsideOfPackage("io.github.ssgan.maven..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.eclipse.aether..",
                        "org.codehaus.plexus..", "org.apache.maven.doxia..")
                .because("the engine runs in the forked training JVM and in tests, where Maven is absent")
                .check(ENGINE);
    }

    /**
     * A rule that cannot fail proves nothing: {@link io.github.ssgan.model.UpwardImportFixture}, a test class in
     * {@code model} that reaches up into {@code training}, must be reported by the same rule.
     */
    @Test
    void layeringFailsOnAnUpwardImport() {
        JavaClasses withUpwardImport = new ClassFileImporter().importClasses(
                io.github.ssgan.model.UpwardImportFixture.class, io.github.ssgan.training.Trainer.class);
        var result = layering().evaluate(withUpwardImport);
        org.assertj.core.api.Assertions.assertThat(result.hasViolation()).isTrue();
        org.assertj.core.api.Assertions.assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("UpwardImportFixture") && line.contains("Trainer"));
    }
}
