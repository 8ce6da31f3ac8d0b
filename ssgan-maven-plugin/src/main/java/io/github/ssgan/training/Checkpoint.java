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
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * checkpoint.zip, written atomically after every epoch: the training state, the metrics so far and the configHash
 * it belongs to. A checkpoint for another configHash is ignored, never resumed.
 */
public final class Checkpoint {
    private static final String STATE = "state.json";
    private static final String[] ARRAYS = {"discriminator", "discriminatorAdam", "averagedDiscriminator", "generator", "generatorAdam"};

    /** What a checkpoint holds. */
    public record Contents(String configHash, List<EpochMetrics> history, TrainingState state) {
    }

    private record Header(String configHash, int epoch, List<EpochMetrics> history) {
    }

    private Checkpoint() {
    }

    public static void write(Path file, String configHash, List<EpochMetrics> history, TrainingState s) {
        INDArray[] arrays = {s.discriminator(), s.discriminatorAdam(), s.averagedDiscriminator(), s.generator(), s.generatorAdam()};
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(Deflater.NO_COMPRESSION); // float weights barely compress; deflating them cost seconds per epoch
            zip.putNextEntry(new ZipEntry(STATE));
            zip.write(Json.MAPPER.writeValueAsBytes(new Header(configHash, s.epoch(), history)));
            zip.closeEntry();
            DataOutputStream data = new DataOutputStream(zip);
            for (int i = 0; i < arrays.length; i++) {
                zip.putNextEntry(new ZipEntry(ARRAYS[i] + ".bin"));
                Nd4j.write(arrays[i], data);
                data.flush();
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** The checkpoint in this file, or null if there is none or it is unreadable. */
    public static Contents read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            Header header = null;
            Map<String, INDArray> arrays = new HashMap<>();
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] bytes = zip.readAllBytes();
                if (e.getName().equals(STATE)) {
                    header = Json.MAPPER.readValue(bytes, new TypeReference<Header>() { });
                } else {
                    arrays.put(e.getName().replace(".bin", ""),
                            Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes))));
                }
            }
            if (header == null || arrays.size() != ARRAYS.length) {
                return null;
            }
            TrainingState state = new TrainingState(header.epoch(), arrays.get(ARRAYS[0]), arrays.get(ARRAYS[1]),
                    arrays.get(ARRAYS[2]), arrays.get(ARRAYS[3]), arrays.get(ARRAYS[4]));
            return new Contents(header.configHash(), header.history(), state);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
