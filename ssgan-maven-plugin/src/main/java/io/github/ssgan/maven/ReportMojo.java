package io.github.ssgan.maven;

import io.github.ssgan.results.Ablation;
import io.github.ssgan.results.ReportAssets;
import io.github.ssgan.results.ResultsSet;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The results of {@code ssgan:train} as a Maven report: the accuracy table over seeds with intervals, comparisons,
 * every run with its files, learning curves, sample sheets, provenance and how to reproduce each run. It reads result
 * files only and never trains, so it also publishes results trained on other machines (shards).
 *
 * <p>In {@code mvn site} it is listed under Project Reports when declared in {@code <reporting>}:
 * <pre>{@code
 * <reporting>
 *   <plugins>
 *     <plugin>
 *       <groupId>io.github.ssgan</groupId>
 *       <artifactId>ssgan-maven-plugin</artifactId>
 *       <version>0.1.0-SNAPSHOT</version>
 *     </plugin>
 *   </plugins>
 * </reporting>
 * }</pre>
 * {@code mvn ssgan:report} writes the same page alone, into {@code target/site/ssgan/index.html}. Several pages in
 * one site (the reference runs, an ablation) are several {@code <reportSet>}s of this report, each with its own
 * {@code page}, {@code title} and {@code resultDirectories}. The page renders
 * with Doxia 2: pin {@code maven-site-plugin} 3.21.0 or later (Maven 3.9 otherwise binds 3.12.1, whose Doxia 1 gives
 * a truncated page).
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class ReportMojo extends AbstractMavenReport {
    /**
     * Output directories of {@code ssgan:train} to report on, merged: e.g. the shards of a grid trained on several
     * machines. A run found in two of them is counted once; declared runs none of them holds are listed as missing.
     * Default: {@code ${project.build.directory}/ssgan}.
     * <pre>{@code
     * <resultDirectories>
     *   <resultDirectory>shards/1/ssgan</resultDirectory>
     *   <resultDirectory>shards/2/ssgan</resultDirectory>
     * </resultDirectories>
     * }</pre>
     * or, comma-separated, {@code -Dssgan.resultDirectories=shards/1/ssgan,shards/2/ssgan}.
     */
    @Parameter(property = "ssgan.resultDirectories")
    List<File> resultDirectories;

    /**
     * Differences of mean accuracy to show, with their intervals. Default: every experiment against the one with the
     * most labels, or none with an {@code ablationReference} (its section compares every experiment with the
     * reference already; the default would repeat it, with the opposite sign, when the labels are equal).
     * <pre>{@code
     * <comparisons>
     *   <comparison><experiment>labeled-100pct</experiment><comparedTo>labeled-10pct</comparedTo></comparison>
     * </comparisons>
     * }</pre>
     */
    @Parameter
    List<Comparison> comparisons;

    /**
     * The experiment id an ablation is measured against. When set, the page gains an Ablation section with one row per
     * other experiment: the hashed settings in which it differs from this one (read from the result files), its seeds,
     * mean ± std test accuracy with its interval, the difference to this experiment's with the interval of the
     * difference, the median time per epoch and its last sample sheet beside this one's. Each row compares at the last
     * epoch that every run of both experiments reached. An id that is not among the results' experiments fails the
     * report, listing the ids present (unless there are no results at all: then the page says how to train).
     * <pre>{@code <ablationReference>paper</ablationReference>}</pre>
     * or {@code -Dssgan.ablationReference=paper}.
     */
    @Parameter(property = "ssgan.ablationReference")
    String ablationReference;

    /**
     * Where {@code mvn ssgan:report} run alone writes the page ({@code ssgan/index.html} below it) and its images;
     * inside {@code mvn site} the site's own directory is used. maven-reporting-impl would otherwise write a report run
     * alone to {@code target/reports}, where nobody looks for a site page.
     * <pre>{@code <reportDirectory>target/site</reportDirectory>}</pre>
     */
    @Parameter(property = "ssgan.reportDirectory", defaultValue = "${project.reporting.outputDirectory}")
    File reportDirectory;

    /**
     * The page's directory below the site, so its address is {@code <page>/index.html}: give each of several
     * reports in one site its own. Letters, digits, '.', '_' and '-'.
     * <pre>{@code <page>ablation</page>}</pre>
     */
    @Parameter(property = "ssgan.page", defaultValue = DEFAULT_PAGE)
    String page = DEFAULT_PAGE;

    /** The page's title, and its entry under Project Reports. <pre>{@code <title>Ablation</title>}</pre> */
    @Parameter(property = "ssgan.title", defaultValue = DEFAULT_TITLE)
    String title = DEFAULT_TITLE;

    static final String DEFAULT_PAGE = "ssgan";
    static final String DEFAULT_TITLE = "ssgan results";

    /** Skip the report: {@code <skip>true</skip>} or {@code -Dssgan.skip}. */
    @Parameter(property = "ssgan.skip", defaultValue = "false")
    boolean skip;

    @Override
    protected String getOutputDirectory() {
        return reportDirectory != null ? reportDirectory.getAbsolutePath() : super.getOutputDirectory();
    }

    @Override
    public String getOutputName() {
        return page + "/index";
    }

    @Override
    public String getName(Locale locale) {
        return title;
    }

    @Override
    public String getDescription(Locale locale) {
        return "Semi-supervised GAN experiments: accuracy over seeds, comparisons, curves, samples and provenance.";
    }

    @Override
    public boolean canGenerateReport() {
        return !skip;
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        checkPage(page);
        List<Path> directories = ResultDirectories.orDefault(resultDirectories,
                Path.of(getProject().getBuild().getDirectory()));
        ResultsSet results;
        ReportAssets assets;
        try {
            results = ResultsSet.read(directories);
            assets = ReportAssets.write(getReportOutputDirectory().toPath().resolve(page), results);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new MavenReportException(e.getMessage(), e);
        }
        results.problems().forEach(getLog()::warn);
        Ablation ablation = ablation(results, ablationReference);
        new ResultsPage(getSink(), results, assets, comparisons(comparisons, ablation != null, results), ablation)
                .render(getName(locale));
        getLog().info("ssgan report: " + results.runs().size() + " run(s) of " + results.experiments().size()
                + " experiment(s) from " + directories);
    }

    /** A page name that stays one directory below the site: a path or an empty name fails the report, naming it. */
    static void checkPage(String page) throws MavenReportException {
        if (page == null || !page.matches("[A-Za-z0-9._-]+") || page.matches("\\.+")) {
            throw new MavenReportException("page: '" + page + "' is not a directory name (letters, digits, '.', '_' and"
                    + " '-'; the page is written to <page>/index.html below the site)");
        }
    }

    /** The ablation against this reference; null without one, or without any results to measure (nothing trained yet). */
    static Ablation ablation(ResultsSet results, String reference) throws MavenReportException {
        if (reference == null || reference.isBlank() || results.experiments().isEmpty()) {
            return null;
        }
        try {
            return Ablation.of(results, reference.strip());
        } catch (IllegalArgumentException e) {
            throw new MavenReportException("ablationReference: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new MavenReportException(e.getMessage(), e);
        }
    }

    /**
     * The declared comparisons or, without any, the default that the {@code comparisons} parameter describes; none by
     * default when the page has an Ablation section.
     */
    static List<ResultsPage.ResultsComparison> comparisons(List<Comparison> declared, boolean withAblation,
            ResultsSet results) {
        List<ResultsPage.ResultsComparison> list = new ArrayList<>();
        if (declared != null && !declared.isEmpty()) {
            declared.forEach(c -> list.add(new ResultsPage.ResultsComparison(c.experiment, c.comparedTo)));
            return list;
        }
        if (withAblation) {
            return list;
        }
        results.experiments().stream().filter(e -> !e.runs().isEmpty())
                .max(Comparator.comparingInt(ResultsSet.ExperimentResults::labeledCount))
                .ifPresent(most -> results.experiments().stream()
                        .filter(e -> !e.runs().isEmpty() && e != most)
                        .forEach(e -> list.add(new ResultsPage.ResultsComparison(most.experiment(), e.experiment()))));
        return list;
    }
}
