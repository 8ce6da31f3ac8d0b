package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.results.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A checkpoint reads back whole; an absent one is null, a damaged one an error that says why. */
class CheckpointTest {
    @TempDir
    Path tmp;

    private Path written() {
        Path file = tmp.resolve("checkpoint.zip");
        Nd4j.getRandom().setSeed(1);
        TrainingState state = new TrainingState(2, Nd4j.rand(1, 300), Nd4j.rand(1, 600), Nd4j.rand(1, 300),
                Nd4j.rand(1, 200), Nd4j.rand(1, 400));
        Checkpoint.write(file, "abc", List.of(new EpochMetrics(1, 0.5, 0.6, 0.7, 0.8, 0.9, 1.5),
                new EpochMetrics(2, 0.4, 0.5, 0.6, 0.85, 0.92, 1.4)), state);
        return file;
    }

    @Test
    void readsBackWhatWasWritten() throws IOException {
        Checkpoint.Contents c = Checkpoint.read(written());
        assertThat(c.configHash()).isEqualTo("abc");
        assertThat(c.history()).hasSize(2);
        assertThat(c.state().epoch()).isEqualTo(2);
        assertThat(c.state().generatorAdam().length()).isEqualTo(400);
    }

    @Test
    void theHistoricalAverageIsKeptOnlyWhenTheRunHasOne() throws IOException {
        Checkpoint.Contents without = Checkpoint.read(written());
        assertThat(without.state().historicalAverage()).isNull();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.resolve("checkpoint.zip").toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)).containsExactly("state.json",
                    "discriminator.bin", "discriminatorAdam.bin", "averagedDiscriminator.bin", "generator.bin",
                    "generatorAdam.bin");
        }

        Path file = tmp.resolve("averaging.zip");
        TrainingState s = without.state();
        INDArray mean = Nd4j.rand(1, 300);
        Checkpoint.write(file, "abc", without.history(), new TrainingState(s.epoch(), s.discriminator(),
                s.discriminatorAdam(), s.averagedDiscriminator(), s.generator(), s.generatorAdam(), mean));
        TrainingState read = Checkpoint.read(file).state();
        assertThat(read.historicalAverage()).isEqualTo(mean);
        assertThat(read.discriminator()).isEqualTo(s.discriminator());
    }

    @Test
    void anAbsentCheckpointIsNull() throws IOException {
        assertThat(Checkpoint.read(tmp.resolve("checkpoint.zip"))).isNull();
    }

    @Test
    void aTruncatedCheckpointIsUnreadableWithTheReason() throws IOException {
        Path file = written();
        byte[] whole = Files.readAllBytes(file);
        // cut inside the header, inside an array, between entries' data and the zip directory, one byte short
        for (int length : new int[] {0, 10, 200, whole.length / 2, whole.length - 30, whole.length - 1}) {
            Files.write(file, Arrays.copyOf(whole, length));
            String context = "cut at " + length + " of " + whole.length;
            if (length >= whole.length - 30) {
                // the entries are whole; only the central directory, which ZipInputStream does not read, is cut
                assertThat(Checkpoint.read(file)).as(context).isNotNull();
                continue;
            }
            assertThatThrownBy(() -> Checkpoint.read(file)).as(context)
                    .isInstanceOf(Checkpoint.UnreadableException.class)
                    .satisfies(e -> assertThat(((Checkpoint.UnreadableException) e).file()).isEqualTo(file))
                    .satisfies(e -> assertThat(((Checkpoint.UnreadableException) e).reason()).isNotBlank())
                    .hasMessageStartingWith(file + " is unreadable: ");
        }
    }

    @Test
    void aFileOfAnotherFormatIsUnreadable() throws IOException {
        Path file = tmp.resolve("checkpoint.zip");
        Files.writeString(file, "{\"not\": \"a checkpoint\"}");
        assertThatThrownBy(() -> Checkpoint.read(file))
                .isInstanceOf(Checkpoint.UnreadableException.class)
                .hasMessage(file + " is unreadable: no state.json (not a checkpoint, or cut off before it)");
    }

    @Test
    void aDamagedArrayIsUnreadable() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55; // inside an array's data: the entry's CRC no longer matches
        Files.write(file, bytes);
        assertThatThrownBy(() -> Checkpoint.read(file))
                .isInstanceOf(Checkpoint.UnreadableException.class)
                .hasMessageContaining(".bin: ");
    }
}
