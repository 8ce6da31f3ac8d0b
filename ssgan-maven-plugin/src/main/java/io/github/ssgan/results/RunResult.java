package io.github.ssgan.results;

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
