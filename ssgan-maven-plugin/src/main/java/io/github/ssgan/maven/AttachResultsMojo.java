package io.github.ssgan.maven;

import io.github.ssgan.results.ResultsArchive;
import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.RunDirectory;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packs the results of {@code ssgan:train} into {@code target/<finalName>-ssgan-results.zip} and attaches it to the
 * project (classifier {@code ssgan-results}, type {@code zip}), so that {@code mvn install} or {@code mvn deploy}
 * publishes it beside the project's other artifacts. A later {@code ssgan:check} compares against it with
 * {@code <baseline>groupId:artifactId:version</baseline>}, and {@code ssgan:report} can show it once unpacked.
 *
 * <p>The zip holds suite.json and every run directory in the output directory's layout
 * ({@code <experiment>/seed-<n>/}, {@code <experiment>/supervised-seed-<n>/}) with all its files but the resumable
 * state and the writer's lock ({@code checkpoint.zip}, {@code checkpoint.zip.corrupt}, {@code .lock}).
 *
 * <pre>{@code
 * <execution>
 *   <goals>
 *     <goal>train</goal>
 *     <goal>attach-results</goal>
 *   </goals>
 * </execution>
 * }</pre>
 */
@Mojo(name = "attach-results", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AttachResultsMojo extends AbstractMojo {
    /**
     * The output directory of {@code ssgan:train} to pack.
     * <pre>{@code <outputDirectory>results</outputDirectory>}</pre>
     * or {@code -Dssgan.outputDirectory=results}, as for train.
     */
    @Parameter(property = "ssgan.outputDirectory", defaultValue = "${project.build.directory}/ssgan")
    File outputDirectory;

    /** Skip the goal: {@code <skip>true</skip>} or {@code -Dssgan.skip}. */
    @Parameter(property = "ssgan.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    @Parameter(defaultValue = "${project.build.finalName}", readonly = true)
    String finalName;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Component
    MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ssgan:attach-results skipped (ssgan.skip)");
            return;
        }
        Path out = outputDirectory.toPath();
        Path zip = buildDirectory.toPath().resolve(finalName + "-" + ResultsArtifact.CLASSIFIER + "." + ResultsArtifact.TYPE);
        ResultsArchive.Packed packed;
        try {
            ResultsSet results = ResultsSet.read(java.util.List.of(out));
            if (results.isEmpty()) {
                throw new MojoFailureException("No finished run in " + out + " to attach: run ssgan:train first");
            }
            // a partial results set still publishes, but a check against it will fail on the missing runs
            String missing = results.experiments().stream().flatMap(e -> e.missingSeeds().stream()
                    .map(s -> RunDirectory.runName(e.experiment(), s, false))).collect(Collectors.joining(", "));
            if (!missing.isEmpty()) {
                getLog().warn("Declared runs without a result, missing from the attached results: " + missing);
            }
            packed = ResultsArchive.write(out, zip);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        projectHelper.attachArtifact(project, ResultsArtifact.TYPE, ResultsArtifact.CLASSIFIER, zip.toFile());
        getLog().info("Attached " + packed.runs() + " run(s), " + packed.files() + " file(s): " + zip
                + " (classifier " + ResultsArtifact.CLASSIFIER + ")");
    }
}
