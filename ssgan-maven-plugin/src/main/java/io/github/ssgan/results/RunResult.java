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

    /** A supervised baseline run (its config's hashed objective says so); GAN runs have none. */
    @JsonIgnore
    public boolean isSupervisedBaseline() {
        return config != null && RunSpec.SUPERVISED.equals(config.get("objective"));
    }

    /** Median seconds per epoch: the typical epoch, unmoved by a first epoch's warm-up or a busy machine's outlier. */
    @JsonIgnore
    public double secondsPerEpoch() {
        double[] s = history.stream().mapToDouble(EpochMetrics::seconds).sorted().toArray();
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
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
