package io.github.ssgan.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.check.Fixtures;
import io.github.ssgan.results.ResultsArchive;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mojo as an adapter: parameters in, files written, the build failed or not; the gate itself is GateTest's. */
class CheckMojoTest {
    @TempDir
    Path project;
    CheckMojo mojo;
    final List<Artifact> requested = new ArrayList<>();

    @BeforeEach
    void mojo() {
        new Fixtures(project.resolve("target/ssgan"))
                .gan("labeled-10pct", 6000, 0.98, 0.99, 0.97)
                .supervised("labeled-10pct", 6000, 0.95, 0.96, 0.94);
        mojo = new CheckMojo();
        mojo.basedir = project.toFile();
        mojo.buildDirectory = project.resolve("target").toFile();
        mojo.haltOnFailure = true;
        mojo.rules = new ArrayList<>();
        mojo.environment = name -> null; // not the GitHub job summary of a CI running these tests
    }

    private Rule rule(String experiment, Double minimumAccuracy) {
        Rule r = new Rule();
        r.experiment = experiment;
        r.minimumAccuracy = minimumAccuracy;
        mojo.rules.add(r);
        return r;
    }

    private Rule baseline(String baseline, double tolerance) {
        Rule r = new Rule();
        r.baseline = baseline;
        r.tolerance = tolerance;
        mojo.rules.add(r);
        return r;
    }

    @Test
    void passingRulesWriteTheJUnitXmlAndTheSummary() throws Exception {
        rule("labeled-10pct", 0.97);
        rule("labeled-10pct", null).minimumGainOverSupervised = 0.01;

        mojo.execute();

        Path out = project.resolve("target/ssgan-check");
        assertThat(Files.readString(out.resolve("TEST-ssgan-check.xml"))).contains("tests=\"2\"", "failures=\"0\"");
        assertThat(Files.readString(out.resolve("summary.md"))).startsWith("## ssgan check: passed");
    }

    @Test
    void theSummaryIsAppendedToTheGitHubJobSummaryWhenOneIsSet() throws Exception {
        Path summary = project.resolve("step-summary.md");
        Files.writeString(summary, "# build\n");
        mojo.environment = name -> name.equals("GITHUB_STEP_SUMMARY") ? summary.toString() : null;
        rule("labeled-10pct", 0.97);

        mojo.execute();

        assertThat(summary).content().startsWith("# build\n## ssgan check: passed");
    }

    @Test
    void aFailingRuleFailsTheBuildNamingTheExperimentAndTheLimit() {
        rule("labeled-10pct", 0.999);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("1 of 1 check(s) failed")
                .hasMessageContaining("rule 1, labeled-10pct, minimumAccuracy: mean accuracy 98.00 % < 99.90 %");
        // written before failing, for the CI to show
        assertThat(project.resolve("target/ssgan-check/TEST-ssgan-check.xml")).content().contains("failures=\"1\"");
    }

    @Test
    void withoutHaltOnFailureTheBuildGoesOn() throws Exception {
        rule("labeled-10pct", 0.999);
        mojo.haltOnFailure = false;

        mojo.execute();

        assertThat(project.resolve("target/ssgan-check/summary.md")).content().contains("FAILED");
    }

    @Test
    void aWrongConfigurationFailsTheBuildNamingTheRule() {
        rule("labeled-10pct", 0.97);
        rule("labels-100", 0.97);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("ssgan:check: rule 2 (labels-100): unknown experiment 'labels-100'; known: labeled-10pct");
        assertThat(project.resolve("target/ssgan-check")).doesNotExist();
    }

    @Test
    void skipDoesNothing() throws Exception {
        rule("labeled-10pct", 0.999);
        mojo.skip = true;

        mojo.execute();

        assertThat(project.resolve("target/ssgan-check")).doesNotExist();
    }

    @Test
    void aBaselineDirectoryResolvesAgainstTheProject() throws Exception {
        new Fixtures(project.resolve("release/ssgan")).gan("labeled-10pct", 6000, 0.981, 0.982);
        baseline("release/ssgan", 0.005);

        mojo.execute();

        assertThat(project.resolve("target/ssgan-check/summary.md")).content()
                .contains("### Change vs baseline release/ssgan");
    }

    @Test
    void baselineCoordinatesResolveTheResultsZipAndUnpackIt() throws Exception {
        Path release = new Fixtures(project.resolve("release")).gan("labeled-10pct", 6000, 0.981, 0.982).out();
        Path zip = project.resolve("mnist-results-1.2.0-ssgan-results.zip");
        ResultsArchive.write(release, zip);
        mojo.repositorySystem = repository(zip);
        baseline("io.github.example:mnist-results:1.2.0", 0.005);

        mojo.execute();

        assertThat(requested).singleElement().hasToString("io.github.example:mnist-results:zip:ssgan-results:1.2.0");
        assertThat(project.resolve("target/ssgan-check/baseline/io.github.example_mnist-results_1.2.0/labeled-10pct"
                + "/seed-1/result.json")).isRegularFile();
    }

    @Test
    void aBaselineThatCannotBeResolvedFailsTheBuildNamingTheRule() {
        mojo.repositorySystem = repository(null);
        rule("labeled-10pct", 0.97);
        baseline("io.github.example:mnist-results:9.9", 0.005);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("ssgan:check: rule 2 (baseline io.github.example:mnist-results:9.9): the "
                        + "baseline cannot be resolved: cannot resolve io.github.example:mnist-results:9.9");
        baseline("no/such/directory", 0.005);
        mojo.rules.remove(1);
        assertThatThrownBy(mojo::execute).hasMessageContaining("rule 2 (baseline no/such/directory): the baseline "
                + "cannot be resolved: 'no/such/directory' is neither a directory");
    }

    /** A repository holding this zip under any coordinates (none when null). */
    private RepositorySystem repository(Path zip) {
        return (RepositorySystem) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("resolveArtifact")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    ArtifactRequest request = (ArtifactRequest) args[1];
                    requested.add(request.getArtifact());
                    ArtifactResult result = new ArtifactResult(request);
                    if (zip == null) {
                        throw new ArtifactResolutionException(List.of(result), "not found in any repository");
                    }
                    return result.setArtifact(request.getArtifact().setFile(zip.toFile()));
                });
    }
}
