package io.github.ssgan.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private Path[] filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toArray(Path[]::new);
        }
    }

    @Test
    void aWriterFailingMidwayLeavesThePreviousContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("result.json");
        Files.writeString(target, "previous");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new cont".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("disk full");
        }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write " + target)
                .hasMessageContaining("disk full");

        assertThat(target).hasContent("previous");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void aWriterFailingWithARuntimeExceptionAlsoLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("metrics.csv");
        Files.writeString(target, "old");
        RuntimeException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw boom;
        })).isSameAs(boom);

        assertThat(target).hasContent("old");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void aFailedFirstWriteLeavesNoFileAtAll() throws IOException {
        Path target = dir.resolve("new.bin");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IOException("no");
        })).isInstanceOf(UncheckedIOException.class);

        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aSuccessfulWriteReplacesTheContentAndCreatesDirectories() throws IOException {
        Path target = dir.resolve("a").resolve("b").resolve("file.txt");

        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second, longer");
        AtomicFiles.write(dir.resolve("bytes"), new byte[] {1, 2, 3});

        assertThat(target).hasContent("second, longer");
        assertThat(filesIn(target.getParent())).containsExactly(target);
        assertThat(dir.resolve("bytes")).hasBinaryContent(new byte[] {1, 2, 3});
    }
}
