package io.github.ssgan.maven;

import io.github.ssgan.run.Aggregate;
import io.github.ssgan.run.ProgressLog;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Merges the output directories of the shards of a grid ({@code ssgan:train -Dssgan.shard=i/n} on n machines, e.g.
 * downloaded CI artifacts) into one output directory, as if one machine had trained every run: {@code ssgan:report},
 * {@code ssgan:check} and a resumed {@code ssgan:train} then work on it. Each run directory is copied with its
 * checkpoint (so a later train with more epochs, or an unfinished run, resumes instead of starting over); the merged
 * suite.json declares every shard's experiments and seeds, and the runs no shard finished are logged as missing.
 *
 * <p>It fails, naming both places, on a run with two different results (another configHash or epoch count), on an
 * experiment that two shards declare with different settings, and on a result already in the output directory that
 * differs from a shard's: it never overwrites a result. Merging again after more shards arrive copies only what is
 * new.
 *
 * <pre>{@code
 * mvn ssgan:aggregate -Dssgan.resultDirectories=shards/1,shards/2,shards/3,shards/4
 * mvn ssgan:report ssgan:check
 * }</pre>
 */
@Mojo(name = "aggregate", threadSafe = true)
public class AggregateMojo extends AbstractMojo {
    /**
     * The shards' output directories to merge; a relative path is relative to the project. On the command line a
     * comma-separated list. A directory that does not exist fails the build (a failed download must not pass for a
     * shard that trained nothing).
     *
     * <pre>{@code
     * <resultDirectories>
     *   <resultDirectory>shards/ssgan-shard-1</resultDirectory>
     *   <resultDirectory>shards/ssgan-shard-2</resultDirectory>
     * </resultDirectories>
     * }</pre>
     * or {@code -Dssgan.resultDirectories=shards/ssgan-shard-1,shards/ssgan-shard-2}.
     */
    @Parameter(property = "ssgan.resultDirectories", required = true)
    List<File> resultDirectories;

    /**
     * Where the merged runs go: by default where {@code ssgan:train} writes, which {@code ssgan:report} and
     * {@code ssgan:check} read by default. Results already there are kept; one that differs from a shard's fails the
     * merge.
     *
     * <pre>{@code <outputDirectory>results/merged</outputDirectory>}</pre>
     * or {@code -Dssgan.outputDirectory=results/merged}.
     */
    @Parameter(property = "ssgan.outputDirectory", defaultValue = "${project.build.directory}/ssgan")
    File outputDirectory;

    /**
     * Skip the goal.
     *
     * <pre>{@code <skip>true</skip>}</pre>
     */
    @Parameter(property = "ssgan.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ssgan:aggregate skipped (ssgan.skip)");
            return;
        }
        try {
            Aggregate.merge(resultDirectories == null ? List.of() : resultDirectories.stream().map(File::toPath).toList(),
                    outputDirectory.toPath(), new ProgressLog() {
                        @Override
                        public void info(String message) {
                            getLog().info(message);
                        }

                        @Override
                        public void warn(String message) {
                            getLog().warn(message);
                        }
                    });
        } catch (Aggregate.AggregateException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
