package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files a results page links to, written beside it: the accuracy chart, each experiment's loss chart, sample
 * sheets of the first, a middle and the last epoch, and a copy of each run's result.json and metrics.csv (so the
 * published page stays complete when the output directory is gone). Paths are relative to the page's directory.
 */
public record ReportAssets(String accuracyChart, Map<String, String> lossCharts, Map<String, List<Sample>> samples,
                           Map<String, RunFiles> runFiles) {

    /** A sample sheet: which run and epoch it shows. */
    public record Sample(String path, long seed, int epoch) {
    }

    /** A run's copied files. */
    public record RunFiles(String result, String metrics) {
    }

    /** Key of a run in {@link #runFiles}. */
    public static String key(RunResult run) {
        return run.experiment() + (run.isSupervisedBaseline() ? "/supervised-seed-" : "/seed-") + run.seed();
    }

    public static ReportAssets write(Path directory, ResultsSet results) {
        String accuracy = null;
        Map<String, String> losses = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Map<String, RunFiles> files = new LinkedHashMap<>();
        try {
            // the page is written here even when no run has finished yet (it then lists the runs still owed)
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        if (!results.isEmpty()) {
            accuracy = "accuracy.png";
            ReportFigures.writeAccuracy(directory.resolve(accuracy), results);
        }
        for (ResultsSet.ExperimentResults e : results.experiments()) {
            if (e.runs().isEmpty()) {
                continue;
            }
            String loss = "losses-" + e.experiment() + ".png";
            ReportFigures.writeLosses(directory.resolve(loss), e);
            losses.put(e.experiment(), loss);
            List<Sample> sheets = new ArrayList<>();
            RunResult first = e.runs().get(0);
            RunDirectory dir = e.directories().get(first.seed());
            if (dir != null) {
                List<Integer> epochs = dir.sampleEpochs();
                if (!epochs.isEmpty()) {
                    for (int epoch : List.of(epochs.get(0), epochs.get(epochs.size() / 2), epochs.get(epochs.size() - 1))) {
                        if (sheets.stream().anyMatch(s -> s.epoch() == epoch)) {
                            continue; // fewer than three sheets
                        }
                        String path = String.format(Locale.ROOT, "samples/%s-seed-%d-epoch-%04d.png", e.experiment(),
                                first.seed(), epoch);
                        copy(dir.sample(epoch), directory.resolve(path));
                        sheets.add(new Sample(path, first.seed(), epoch));
                    }
                }
            }
            samples.put(e.experiment(), sheets);
            for (RunResult r : e.runs()) {
                files.put(key(r), copyFiles(e.directories().get(r.seed()), key(r), directory));
            }
            for (RunResult r : e.baselineRuns()) {
                files.put(key(r), copyFiles(e.baselineDirectories().get(r.seed()), key(r), directory));
            }
        }
        return new ReportAssets(accuracy, losses, samples, files);
    }

    /** A run's result.json and metrics.csv copied below the page as runs/&lt;key&gt;/ (none for a run not read from disk). */
    private static RunFiles copyFiles(RunDirectory run, String key, Path directory) {
        if (run == null) {
            return new RunFiles(null, null);
        }
        String result = "runs/" + key + "/" + RunDirectory.RESULT;
        String metrics = "runs/" + key + "/" + RunDirectory.METRICS;
        copy(run.result(), directory.resolve(result));
        if (Files.isRegularFile(run.metrics())) {
            copy(run.metrics(), directory.resolve(metrics));
        } else {
            metrics = null;
        }
        return new RunFiles(result, metrics);
    }

    private static void copy(Path from, Path to) {
        try {
            AtomicFiles.write(to, Files.readAllBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + ": " + e.getMessage(), e);
        }
    }
}
