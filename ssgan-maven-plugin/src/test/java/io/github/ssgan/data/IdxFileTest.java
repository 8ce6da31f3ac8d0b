package io.github.ssgan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    private static final int[] DIMS = {3, 2, 2};
    private static final byte[] DATA = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255};

    @TempDir
    Path dir;

    @Test
    void parseReadsBackWhatEncodeWrote() {
        byte[] raw = IdxFile.encode(DIMS, DATA);

        assertThat(raw).hasSize(4 + 4 * 3 + 12);
        assertThat(Arrays.copyOf(raw, 4)).containsExactly(0, 0, 0x08, 3);
        IdxFile idx = IdxFile.parse(raw, 3, "images");
        assertThat(idx.dimensions()).containsExactly(3, 2, 2);
        assertThat(idx.data()).containsExactly(DATA);
    }

    @Test
    void headerSizesAreBigEndian() {
        byte[] raw = IdxFile.encode(new int[] {300}, new byte[300]);

        assertThat(Arrays.copyOfRange(raw, 4, 8)).containsExactly(0, 0, 1, 44);
        assertThat(IdxFile.parse(raw, 1, "labels").dimensions()).containsExactly(300);
    }

    @Test
    void readRawReturnsPlainFilesAsTheyAre() throws IOException {
        byte[] raw = IdxFile.encode(DIMS, DATA);
        Path file = Files.write(dir.resolve("plain"), raw);

        assertThat(IdxFile.readRaw(file)).containsExactly(raw);
    }

    @Test
    void readRawDecompressesGzipWhateverTheName() throws IOException {
        byte[] raw = IdxFile.encode(DIMS, DATA);
        Path file = Files.write(dir.resolve("no-gz-suffix"), gzip(raw));

        assertThat(Files.readAllBytes(file)).isNotEqualTo(raw);
        assertThat(IdxFile.readRaw(file)).containsExactly(raw);
    }

    @Test
    void readRawOfATruncatedGzipFails() throws IOException {
        byte[] gz = gzip(IdxFile.encode(DIMS, DATA));
        Path file = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> IdxFile.readRaw(file)).isInstanceOf(IOException.class);
    }

    @Test
    void wrongMagicNumberNamesTheFileAndTheMagic() {
        byte[] raw = IdxFile.encode(DIMS, DATA);
        raw[2] = 0x0D; // type float instead of unsigned byte

        assertThatThrownBy(() -> IdxFile.parse(raw, 3, "/data/train-images-idx3-ubyte"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("/data/train-images-idx3-ubyte")
                .hasMessageContaining("wrong magic number 0x00000d03")
                .hasMessageContaining("expected 0x00000803");
    }

    @Test
    void wrongNumberOfDimensionsIsAWrongMagicNumber() {
        byte[] labels = IdxFile.encode(new int[] {12}, DATA);

        assertThatThrownBy(() -> IdxFile.parse(labels, 3, "images.idx"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("images.idx")
                .hasMessageContaining("wrong magic number 0x00000801");
    }

    @Test
    void nonIdxBytesAreAWrongMagicNumber() {
        byte[] html = "<html>Not Found</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> IdxFile.parse(html, 1, "labels.idx"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("labels.idx")
                .hasMessageContaining("wrong magic number");
    }

    @Test
    void fileShorterThanTheMagicNumberIsTruncated() {
        assertThatThrownBy(() -> IdxFile.parse(new byte[] {0, 0}, 1, "tiny.idx"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("tiny.idx")
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedHeaderNamesTheFileAndTheHeaderSize() {
        byte[] raw = Arrays.copyOf(IdxFile.encode(DIMS, DATA), 10);

        assertThatThrownBy(() -> IdxFile.parse(raw, 3, "images.idx"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("images.idx")
                .hasMessageContaining("truncated")
                .hasMessageContaining("header needs 16 bytes")
                .hasMessageContaining("has 10");
    }

    @Test
    void truncatedDataNamesTheFileAndBothLengths() {
        byte[] full = IdxFile.encode(DIMS, DATA);
        byte[] raw = Arrays.copyOf(full, full.length - 1);

        assertThatThrownBy(() -> IdxFile.parse(raw, 3, "images.idx"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("images.idx is truncated")
                .hasMessageContaining("[3, 2, 2]")
                .hasMessageContaining("promises 28 bytes")
                .hasMessageContaining("the file has 27");
    }

    @Test
    void tooLongDataNamesTheFileAndBothLengths() {
        byte[] full = IdxFile.encode(DIMS, DATA);
        byte[] raw = Arrays.copyOf(full, full.length + 3);

        assertThatThrownBy(() -> IdxFile.parse(raw, 3, "images.idx"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("images.idx is too long")
                .hasMessageContaining("promises 28 bytes")
                .hasMessageContaining("the file has 31");
    }

    @Test
    void negativeDimensionIsRejected() {
        byte[] raw = IdxFile.encode(new int[] {-1}, new byte[0]);

        assertThatThrownBy(() -> IdxFile.parse(raw, 1, "labels.idx"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("labels.idx")
                .hasMessageContaining("negative dimension");
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }
}
