package io.github.ssgan.run;

import io.github.ssgan.results.ResultsSet;
import io.github.ssgan.results.RunDirectory;
import io.github.ssgan.results.RunResult;
import io.github.ssgan.results.SummaryReport;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.SuiteSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers "is there anything to train?" from the result files and the dataset's checksums alone, so that the build
 * can answer it in its own JVM: forking the training JVM only to find every run up to date cost 7 s and 0.8 GB for
 * loading ND4J. Nothing here may touch ND4J (UpToDateCheckTest loads it in a fresh class loader to hold that).
 */
public final class UpToDateCheck {
    private UpToDateCheck() {
    }

    /**
     * If no run of the suite's shard needs training (none forced, every result up to date), logs what
     * {@link SuiteRunner} logs for such a suite (which runs the shard has, a line per run, the accuracy table), then
     * returns true. Otherwise does nothing and returns false: the caller trains. Runs of other shards are not looked
     * at: another machine trains them.
     *
     * @param datasetSha256 file name → SHA-256 of the uncompressed bytes of the data the suite would train on
     */
    public static boolean reportIfUpToDate(SuiteSpec suite, Map<String, String> datasetSha256, ProgressLog log) {
        if (suite.force()) {
            return false;
        }
        List<String> lines = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        for (RunSpec run : suite.shardRuns()) {
            RunDirectory dir = RunDirectory.of(suite.outputDirectory(), run);
            String hash = run.configHash(datasetSha256);
            RunResult existing = dir.isUpToDate(hash, run.epochs()) ? dir.readResult() : null;
            if (existing == null) {
                return false;
            }
            results.add(existing);
            lines.add(upToDateLine(run, hash, existing));
        }
        if (suite.shard().isPartial()) {
            log.info(suite.shardAssignment().summary(suite.shard()));
        }
        lines.forEach(log::info);
        if (results.isEmpty()) {
            return true; // a shard without runs: more shards than runs
        }
        ResultsSet summary = ResultsSet.of(results);
        for (String line : SummaryReport.table(summary).split("\n")) {
            log.info(line);
        }
        return true;
    }

    /**
     * The runs of the suite's shard that the training JVMs would train: every one when forced, else those not up to
     * date. Logs nothing.
     */
    public static List<RunSpec> runsToTrain(SuiteSpec suite, Map<String, String> datasetSha256) {
        return suite.shardRuns().stream()
                .filter(run -> suite.force() || !RunDirectory.of(suite.outputDirectory(), run)
                        .isUpToDate(run.configHash(datasetSha256), run.epochs()))
                .toList();
    }

    /** The line SuiteRunner logs for a run it skips, word for word. */
    static String upToDateLine(RunSpec run, String configHash, RunResult existing) {
        return String.format(Locale.ROOT,
                "[%s] up to date (configHash %s, %d epochs, test accuracy %.2f%%); -Dssgan.force=true reruns it",
                run.id(), configHash.substring(0, 12), run.epochs(), 100 * existing.testAccuracy());
    }
}
