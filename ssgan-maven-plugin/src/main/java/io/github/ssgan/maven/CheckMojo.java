package io.github.ssgan.maven;

import io.github.ssgan.check.CheckConfigurationException;
import io.github.ssgan.check.CheckFiles;
import io.github.ssgan.check.Gate;
import io.github.ssgan.check.GateResult;
import io.github.ssgan.check.LogLines;
import io.github.ssgan.check.RuleSpec;
import io.github.ssgan.check.Verdict;
import io.github.ssgan.results.ResultsSet;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * A quality gate on the results of {@code ssgan:train}: fails the build when an experiment's accuracy over its seeds
 * falls below a minimum, spreads too much, falls too far behind another experiment, gains too little over its
 * supervised baseline, or regresses against a published baseline. It reads result files only and never trains, so
 * it also checks results trained on other machines (shards) or in an earlier build.
 *
 * <p>Each {@code <rule>} names an {@code experiment} with one or more limits, or a {@code baseline} results set with
 * a {@code tolerance}. Accuracies are fractions (0.98 for 98 %); the value compared is the mean (or standard
 * deviation) over the seeds' final-epoch test accuracies. With a {@code confidence}, a rule passes only if the
 * one-sided bound clears its limit: Student's t for a mean, chi-squared for a standard deviation, Welch's t for a gap,
 * a gain or a change vs the baseline (which then need two seeds on each side; with one, the point value is compared
 * and the log line says so).
 *
 * <p>A rule never passes on partial data: seeds declared by the last {@code train} (its suite.json) without a result,
 * or supervised baseline runs that a gain needs, fail it, naming the runs. A rule that cannot be evaluated as written
 * (an unknown experiment, a limit out of range, a {@code comparedTo} without {@code maximumGap}, a baseline that
 * cannot be resolved) fails the build with a message naming the rule by its index and experiment.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>io.github.ssgan</groupId>
 *   <artifactId>ssgan-maven-plugin</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <configuration>
 *     <seeds>1,2,3</seeds>
 *     <experiments>
 *       <experiment><id>labels-100</id><labelsPerClass>10</labelsPerClass></experiment>
 *       <experiment><id>labeled-10pct</id><labeledFraction>0.10</labeledFraction></experiment>
 *       <experiment><id>labeled-100pct</id><labeledFraction>1.0</labeledFraction></experiment>
 *     </experiments>
 *     <!-- plugin-level, so that mvn ssgan:check on the command line checks the same -->
 *     <confidence>0.95</confidence>
 *     <rules>
 *       <rule>
 *         <experiment>labeled-10pct</experiment>
 *         <minimumAccuracy>0.98</minimumAccuracy>
 *       </rule>
 *       <rule>
 *         <experiment>labeled-100pct</experiment>
 *         <comparedTo>labeled-10pct</comparedTo>
 *         <maximumGap>0.01</maximumGap>
 *       </rule>
 *       <rule>
 *         <experiment>labels-100</experiment>
 *         <minimumGainOverSupervised>0.05</minimumGainOverSupervised>
 *         <maximumStd>0.02</maximumStd>
 *       </rule>
 *       <rule>
 *         <baseline>io.github.example:mnist-results:1.2.0</baseline>
 *         <tolerance>0.002</tolerance>
 *       </rule>
 *     </rules>
 *   </configuration>
 *   <executions>
 *     <execution>
 *       <id>train</id>
 *       <phase>package</phase>         <!-- train has no default phase -->
 *       <goals><goal>train</goal></goals>
 *     </execution>
 *     <execution>
 *       <id>gate</id>
 *       <goals>
 *         <goal>attach-results</goal>  <!-- package, after train: mvn deploy publishes the results -->
 *         <goal>check</goal>           <!-- verify -->
 *       </goals>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 *
 * <p>The log has one line per limit and experiment, e.g.
 * <pre>
 * PASS rule 1, labeled-10pct, minimumAccuracy: mean accuracy 98.33 % (95 % lower bound 98.02 %) &gt;= 98.00 %
 * FAIL rule 3, labels-100, minimumGainOverSupervised: gain over supervised +3.10 pp (97.20 % vs 94.10 %; 95 % lower bound +1.85 pp) &lt; +5.00 pp
 * </pre>
 * and {@code target/ssgan-check/} receives {@code TEST-ssgan-check.xml} (JUnit XML in Surefire's format, one test
 * case per line, for a CI's test report) and {@code summary.md} (the experiments, the rules and the changes vs each
 * baseline as Markdown tables), which is also appended to {@code $GITHUB_STEP_SUMMARY} when that is set (GitHub
 * Actions shows it on the run's page).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {
    /** The directory the check writes into, under the build directory. */
    static final String CHECK_DIRECTORY = "ssgan-check";

    /**
     * Output directories of {@code ssgan:train} to check, merged: e.g. the shards of a grid trained on several
     * machines. A run found in two of them is counted once. Default: {@code ${project.build.directory}/ssgan}. On the
     * command line: {@code -Dssgan.resultDirectories=shards/1/ssgan,shards/2/ssgan}.
     * <pre>{@code
     * <resultDirectories>
     *   <resultDirectory>shards/1/ssgan</resultDirectory>
     *   <resultDirectory>shards/2/ssgan</resultDirectory>
     * </resultDirectories>
     * }</pre>
     */
    @Parameter(property = "ssgan.resultDirectories")
    List<File> resultDirectories;

    /**
     * The rules, each an {@code experiment} with limits ({@code minimumAccuracy}, {@code maximumStd},
     * {@code comparedTo} with {@code maximumGap}, {@code minimumGainOverSupervised}) or a {@code baseline} with a
     * {@code tolerance}, optionally with its own {@code confidence}. At least one.
     * <pre>{@code
     * <rules>
     *   <rule><experiment>labeled-10pct</experiment><minimumAccuracy>0.98</minimumAccuracy></rule>
     *   <rule><experiment>labeled-100pct</experiment><comparedTo>labeled-10pct</comparedTo><maximumGap>0.01</maximumGap></rule>
     *   <rule><experiment>labels-100</experiment><minimumGainOverSupervised>0.05</minimumGainOverSupervised></rule>
     *   <rule><baseline>io.github.example:mnist-results:1.2.0</baseline><tolerance>0.002</tolerance></rule>
     * </rules>
     * }</pre>
     */
    @Parameter
    List<Rule> rules;

    /**
     * The one-sided confidence in (0.5, 1) at which every rule without its own must clear its limit (a lower bound
     * for minimum rules, an upper bound for maximum rules). Off by default: the point values are compared.
     * <pre>{@code <confidence>0.95</confidence>}</pre>
     * or {@code -Dssgan.confidence=0.95} on the command line.
     */
    @Parameter(property = "ssgan.confidence")
    Double confidence;

    /**
     * Fail the build when a rule fails. With {@code false} the failures are logged as warnings and written to the
     * JUnit XML and the summary, and the build goes on.
     * <pre>{@code <haltOnFailure>false</haltOnFailure>}</pre>
     * or {@code -Dssgan.haltOnFailure=false} on the command line.
     */
    @Parameter(property = "ssgan.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    /** Skip the check: {@code <skip>true</skip>} or {@code -Dssgan.skip}. */
    @Parameter(property = "ssgan.skip", defaultValue = "false")
    boolean skip;

    /** The project directory, against which a relative baseline directory resolves. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    /** The build's repository session, from which a baseline's coordinates resolve. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** The project's repositories, from which a baseline's coordinates resolve. */
    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    @Component
    RepositorySystem repositorySystem;

    /** The environment, where GITHUB_STEP_SUMMARY is looked up; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ssgan:check skipped (ssgan.skip)");
            return;
        }
        Path out = buildDirectory.toPath().resolve(CHECK_DIRECTORY);
        GateResult result;
        try {
            Gate gate = new Gate(ruleSpecs(), confidence);
            Map<String, ResultsSet> baselines = baselines(gate, out.resolve("baseline"));
            ResultsSet results = ResultsSet.read(directories());
            results.problems().forEach(getLog()::warn);
            result = gate.evaluate(results, baselines);
        } catch (CheckConfigurationException | IllegalStateException | UncheckedIOException e) {
            throw new MojoExecutionException("ssgan:check: " + e.getMessage(), e);
        }
        for (Verdict v : result.verdicts()) {
            if (v.passed()) {
                getLog().info(LogLines.line(v));
            } else if (haltOnFailure) {
                getLog().error(LogLines.line(v));
            } else {
                getLog().warn(LogLines.line(v));
            }
        }
        getLog().info(LogLines.summary(result));
        try {
            CheckFiles.Written files = CheckFiles.write(result, out);
            getLog().info("Wrote " + files.junitXml() + " and " + files.markdown());
            String stepSummary = environment.apply("GITHUB_STEP_SUMMARY");
            if (stepSummary != null && !stepSummary.isBlank()) {
                CheckFiles.appendToJobSummary(result, Path.of(stepSummary));
            }
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (!result.passed()) {
            String failures = result.failures().stream().map(v -> "  " + v.heading() + ": " + v.text())
                    .collect(Collectors.joining("\n"));
            String message = "ssgan:check: " + result.failures().size() + " of " + result.verdicts().size()
                    + " check(s) failed:\n" + failures;
            if (haltOnFailure) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message + "\n(haltOnFailure is false: the build goes on)");
        }
    }

    private List<RuleSpec> ruleSpecs() {
        List<RuleSpec> specs = new ArrayList<>();
        if (rules != null) {
            for (int i = 0; i < rules.size(); i++) {
                specs.add(rules.get(i).toSpec(i + 1));
            }
        }
        return specs;
    }

    private List<Path> directories() {
        return ResultDirectories.orDefault(resultDirectories, buildDirectory.toPath());
    }

    /** Each baseline the rules name, resolved once; a failure names the first rule that names it. */
    private Map<String, ResultsSet> baselines(Gate gate, Path unpackRoot) {
        Map<String, ResultsSet> sets = new LinkedHashMap<>();
        ResultsArtifact artifacts = new ResultsArtifact(repositorySystem,
                session == null ? null : session.getRepositorySession(),
                remoteRepositories == null ? List.of() : remoteRepositories);
        for (RuleSpec rule : gate.rules()) {
            if (!rule.isBaselineRule() || sets.containsKey(rule.baseline())) {
                continue;
            }
            try {
                Path dir = artifacts.locate(rule.baseline(), basedir.toPath(), unpackRoot);
                getLog().info("Baseline " + rule.baseline() + ": " + dir);
                sets.put(rule.baseline(), ResultsSet.read(List.of(dir)));
            } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
                throw new CheckConfigurationException(rule.name() + ": the baseline cannot be resolved: "
                        + e.getMessage());
            }
        }
        return sets;
    }
}
