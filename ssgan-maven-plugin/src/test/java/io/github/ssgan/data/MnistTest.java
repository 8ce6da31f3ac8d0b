package io.github.ssgan.data;

import io.github.ssgan.storage.Sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path dir;

    @Test
    void loadsHandMadeFilesWithPixelsScaledToTheUnitInterval() throws IOException {
        TinyMnist.write(dir, false);

        Dataset d = Mnist.load(dir, false);

        assertThat(d.name()).isEqualTo("MNIST");
        assertThat(d.train().size()).isEqualTo(5);
        assertThat(d.train().pixels()).isEqualTo(4);
        assertThat(d.test().size()).isEqualTo(2);
        assertThat(d.test().pixels()).isEqualTo(4);
        float[] row0 = d.train().images().getRow(0).toFloatVector();
        assertThat(row0[0]).isEqualTo(0f);
        assertThat(row0[1]).isEqualTo(1f);
        assertThat(row0[2]).isCloseTo(0.2f, within(1e-6f));
        assertThat(row0[3]).isCloseTo(0.8f, within(1e-6f));
        assertThat(d.train().images().getRow(4).toFloatVector()).containsOnly(128 / 255f);
        assertThat(d.train().images().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(d.train().images().maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(d.test().images().getRow(0).toFloatVector()).containsOnly(1f);
        assertThat(d.test().images().getRow(1).toFloatVector()).containsOnly(0f);
    }

    @Test
    void labelsAreReadAsIntegersAndDecideTheClassCount() throws IOException {
        TinyMnist.write(dir, false);

        Dataset d = Mnist.load(dir, false);

        assertThat(d.train().labels()).containsExactly(3, 0, 1, 2, 1);
        assertThat(d.train().classes()).isEqualTo(4);
        assertThat(d.train().classCounts()).containsExactly(1, 2, 1, 1);
        assertThat(d.test().labels()).containsExactly(7, 2);
    }

    @Test
    void recordsTheSha256OfEachUncompressedFile() throws IOException {
        TinyMnist.write(dir, true);

        Dataset d = Mnist.load(dir, false);

        assertThat(d.sha256()).hasSize(4);
        TinyMnist.files().forEach((f, raw) -> assertThat(d.sha256()).containsEntry(f.fileName, Sha256.of(raw)));
    }

    @Test
    void thePinnedChecksumsAreKeyedAsLoadRecordsThem() throws IOException {
        TinyMnist.write(dir, false);

        // a verified directory's checksums are the pins: the build's up-to-date check hashes runs with them
        assertThat(Mnist.pinnedSha256().keySet()).containsExactlyElementsOf(Mnist.load(dir, false).sha256().keySet());
        for (Mnist.File f : Mnist.File.values()) {
            assertThat(Mnist.pinnedSha256()).containsEntry(f.fileName, f.sha256);
        }
    }

    @Test
    void findsGzipCompressedVariants() throws IOException {
        TinyMnist.write(dir, true);

        assertThat(Mnist.complete(dir)).isTrue();
        assertThat(Mnist.find(dir, Mnist.File.TEST_LABELS)).isEqualTo(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        Dataset d = Mnist.load(dir, false);
        assertThat(d.train().labels()).containsExactly(3, 0, 1, 2, 1);
        assertThat(d.test().images().getRow(0).toFloatVector()).containsOnly(1f);
    }

    @Test
    void prefersTheRawFileOverTheGzipOne() throws IOException {
        TinyMnist.write(dir, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});

        assertThat(Mnist.find(dir, Mnist.File.TRAIN_LABELS)).isEqualTo(dir.resolve("train-labels-idx1-ubyte"));
        assertThat(Mnist.load(dir, false).train().labels()).containsExactly(3, 0, 1, 2, 1);
    }

    @Test
    void missingFileIsNamed() throws IOException {
        TinyMnist.write(dir, false);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));

        assertThat(Mnist.complete(dir)).isFalse();
        assertThatThrownBy(() -> Mnist.load(dir, false))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("missing t10k-images-idx3-ubyte (or t10k-images-idx3-ubyte.gz)")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void checksumsAreVerifiedByDefault() throws IOException {
        TinyMnist.write(dir, false);
        byte[] trainImages = TinyMnist.files().get(Mnist.File.TRAIN_IMAGES);

        assertThatThrownBy(() -> Mnist.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining(dir.resolve("train-images-idx3-ubyte").toString())
                .hasMessageContaining(Sha256.of(trainImages))
                .hasMessageContaining(Mnist.File.TRAIN_IMAGES.sha256);
    }

    @Test
    void checksumOfAGzipFileIsThatOfItsUncompressedBytes() throws IOException {
        TinyMnist.write(dir, true);
        byte[] trainImages = TinyMnist.files().get(Mnist.File.TRAIN_IMAGES);

        assertThatThrownBy(() -> Mnist.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining(Sha256.of(trainImages))
                .hasMessageContaining(Mnist.File.TRAIN_IMAGES.sha256);
    }

    @Test
    void sha256IsLowerCaseHex() {
        assertThat(Sha256.of("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        TinyMnist.write(dir, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFile.encode(new int[] {4}, new byte[] {0, 1, 2, 3}));

        assertThatThrownBy(() -> Mnist.load(dir, false))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("5 images but 4 labels");
    }

    @Test
    void corruptFileIsNamed() throws IOException {
        TinyMnist.write(dir, false);
        byte[] labels = TinyMnist.files().get(Mnist.File.TEST_LABELS);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), Arrays.copyOf(labels, labels.length - 1));

        assertThatThrownBy(() -> Mnist.load(dir, false))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte")
                .hasMessageContaining("truncated");
    }
}
