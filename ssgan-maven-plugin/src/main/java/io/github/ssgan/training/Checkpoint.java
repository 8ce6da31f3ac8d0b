package io.github.ssgan.training;

import io.github.ssgan.results.EpochMetrics;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.ssgan.storage.Json;
import io.github.ssgan.storage.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * checkpoint.zip, written atomically after every epoch: the training state, the metrics so far and the configHash
 * it belongs to. A checkpoint for another configHash is ignored, never resumed; an unreadable one is reported.
 */
public final class Checkpoint {
    private static final String STATE = "state.json";
    private static final String[] ARRAYS = {"discriminator", "discriminatorAdam", "averagedDiscriminator", "generator", "generatorAdam"};
    /** Written only by runs with historical averaging, so every earlier checkpoint still reads (without it). */
    private static final String HISTORICAL_AVERAGE = "historicalAverage";

    /** What a checkpoint holds. */
    public record Contents(String configHash, List<EpochMetrics> history, TrainingState state) {
    }

    private record Header(String configHash, int epoch, List<EpochMetrics> history) {
    }

    private Checkpoint() {
    }

    public static void write(Path file, String configHash, List<EpochMetrics> history, TrainingState s) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        INDArray[] required = {s.discriminator(), s.discriminatorAdam(), s.averagedDiscriminator(), s.generator(), s.generatorAdam()};
        for (int i = 0; i < ARRAYS.length; i++) {
            arrays.put(ARRAYS[i], required[i]);
        }
        if (s.historicalAverage() != null) {
            arrays.put(HISTORICAL_AVERAGE, s.historicalAverage());
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(Deflater.NO_COMPRESSION); // float weights barely compress; deflating them cost seconds per epoch
            zip.putNextEntry(new ZipEntry(STATE));
            zip.write(Json.MAPPER.writeValueAsBytes(new Header(configHash, s.epoch(), history)));
            zip.closeEntry();
            DataOutputStream data = new DataOutputStream(zip);
            for (Map.Entry<String, INDArray> array : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(array.getKey() + ".bin"));
                Nd4j.write(array.getValue(), data);
                data.flush();
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * A checkpoint file that exists but cannot be resumed from (truncated, damaged, not a checkpoint): unlike an absent
     * one, it may stand for hours of training, so the caller says so rather than silently starting over.
     */
    public static final class UnreadableException extends IOException {
        private final Path file;
        private final String reason;

        UnreadableException(Path file, String reason, Throwable cause) {
            super(file + " is unreadable: " + reason, cause);
            this.file = file;
            this.reason = reason;
        }

        public Path file() {
            return file;
        }

        /** Why, in a few words: the failing entry and the underlying error. */
        public String reason() {
            return reason;
        }
    }

    /**
     * The checkpoint in this file, or null if there is none.
     *
     * @throws UnreadableException if the file exists but does not hold a whole checkpoint
     */
    public static Contents read(Path file) throws UnreadableException {
        if (!Files.exists(file)) {
            return null;
        }
        String entry = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            Header header = null;
            Map<String, INDArray> arrays = new HashMap<>();
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entry = e.getName();
                byte[] bytes = zip.readAllBytes(); // the zip checks each entry's CRC, so damaged bytes fail here
                if (entry.equals(STATE)) {
                    header = Json.MAPPER.readValue(bytes, new TypeReference<Header>() { });
                } else if (List.of(ARRAYS).contains(entry.replace(".bin", ""))
                        || entry.equals(HISTORICAL_AVERAGE + ".bin")) {
                    arrays.put(entry.replace(".bin", ""), Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes))));
                } else {
                    throw new UnreadableException(file, "unexpected entry " + entry, null);
                }
            }
            entry = null;
            if (header == null) {
                throw new UnreadableException(file, "no " + STATE + " (not a checkpoint, or cut off before it)", null);
            }
            if (header.configHash() == null || header.history() == null) {
                throw new UnreadableException(file, STATE + " lacks its configHash or history", null);
            }
            List<String> missing = Stream.of(ARRAYS).filter(a -> !arrays.containsKey(a)).map(a -> a + ".bin").toList();
            if (!missing.isEmpty()) {
                throw new UnreadableException(file, "missing " + String.join(", ", missing) + " (cut off?)", null);
            }
            TrainingState state = new TrainingState(header.epoch(), arrays.get(ARRAYS[0]), arrays.get(ARRAYS[1]),
                    arrays.get(ARRAYS[2]), arrays.get(ARRAYS[3]), arrays.get(ARRAYS[4]), arrays.get(HISTORICAL_AVERAGE));
            return new Contents(header.configHash(), header.history(), state);
        } catch (UnreadableException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(""); // Jackson's run to many lines
            throw new UnreadableException(file, (entry == null ? "" : "in " + entry + ": ")
                    + e.getClass().getSimpleName() + ": " + message, e);
        }
    }
}
