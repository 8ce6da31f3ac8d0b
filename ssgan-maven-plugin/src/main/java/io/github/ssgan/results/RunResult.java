package io.github.ssgan.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.storage.AtomicFiles;
import io.github.ssgan.storage.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * result.json: the outcome of one run, with everything needed to re-run it from this file alone
 * ({@code config}: the settings that fix the numbers, plus epochs).
 */
public record RunResult(
        String experiment,
        long seed,
        int labeledCount,
        double labeledFraction,
        int epochs,
        double testAccuracy,
        List<EpochMetrics> history,
        String configHash,
        Map<String, Object> config,
        DatasetRecord dataset,
        Provenance provenance,
        double durationSeconds) {

    public record DatasetRecord(String name, int trainImages, int testImages, Map<String, String> sha256) {
    }

    /**
     * The keys of {@code config} that are not settings of the experiment: the run's own seed, and what the trainer
     * records beside the hashed settings (the id, epochs and sampleEvery change no epoch's numbers).
     */
    private static final Set<String> NOT_EXPERIMENT_SETTINGS = Set.of("seed", "experiment", "epochs", "sampleEvery");

    /**
     * The hashed settings this run shares with every other run of its experiment, by name: its config less the seed
     * and the unhashed records. An option hashed only when set otherwise is absent at its default.
     */
    @JsonIgnore
    public Map<String, Object> experimentSettings() {
        Map<String, Object> settings = new TreeMap<>(config == null ? Map.of() : config);
        settings.keySet().removeAll(NOT_EXPERIMENT_SETTINGS);
        return settings;
    }

    /** A supervised baseline run (its config's hashed objective says so); GAN runs have none. */
    @JsonIgnore
    public boolean isSupervisedBaseline() {
        return config != null && RunSpec.SUPERVISED.equals(config.get("objective"));
    }

    /** Test accuracy after this epoch: the final accuracy at the last one, else from the history. */
    public double testAccuracyAt(int epoch) {
        if (epoch == epochs) {
            return testAccuracy; // the final accuracy, as every other table gives it
        }
        return history.stream().filter(m -> m.epoch() == epoch).mapToDouble(EpochMetrics::testAccuracy).findFirst()
                .orElseThrow(() -> new IllegalStateException(RunDirectory.runName(experiment, seed,
                        isSupervisedBaseline()) + " has no metrics of epoch " + epoch + " in its result.json"));
    }

    /** Median seconds per epoch: the typical epoch, unmoved by a first epoch's warm-up or a busy machine's outlier. */
    @JsonIgnore
    public double secondsPerEpoch() {
        return Statistics.median(history.stream().mapToDouble(EpochMetrics::seconds).toArray());
    }

    public void write(Path file) {
        AtomicFiles.write(file, out -> Json.MAPPER.writeValue(out, this));
    }

    /** The result in this file, or null if there is none or it cannot be read (then the run is simply redone). */
    public static RunResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), RunResult.class);
        } catch (IOException e) {
            return null;
        }
    }
}
