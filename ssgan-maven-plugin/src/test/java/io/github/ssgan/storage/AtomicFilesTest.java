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

    /** What a write killed before its rename leaves (".name<random>.tmp") goes; every other file stays. */
    @Test
    void deleteLeftoversDeletesOnlyTheTemporaryFilesOfKilledWrites() throws IOException {
        Path left = dir.resolve(".checkpoint.zip2319547383882939524.tmp");
        Files.write(left, new byte[1234]);
        Path[] kept = {dir.resolve("metrics.csv"), dir.resolve(".lock"), dir.resolve("notes.tmp"), dir.resolve(".tmp.csv")};
        for (Path p : kept) {
            Files.writeString(p, "kept");
        }
        Files.createDirectory(dir.resolve(".a-directory.tmp"));

        assertThat(AtomicFiles.deleteLeftovers(dir)).isEqualTo(1234);
        assertThat(left).doesNotExist();
        assertThat(filesIn(dir)).containsExactlyInAnyOrder(kept[0], kept[1], kept[2], kept[3], dir.resolve(".a-directory.tmp"));
        assertThat(AtomicFiles.deleteLeftovers(dir)).isZero();
        assertThat(AtomicFiles.deleteLeftovers(dir.resolve("missing"))).isZero();
    }

    /** The name a real write's temporary file has is one deleteLeftovers takes for a leftover. */
    @Test
    void theTemporaryFileOfAWriteIsWhatDeleteLeftoversDeletes() throws IOException {
        java.util.List<Path> during = new java.util.ArrayList<>();
        AtomicFiles.write(dir.resolve("checkpoint.zip"), out -> {
            during.addAll(java.util.List.of(filesIn(dir)));
            out.write(1);
        });
        assertThat(during).hasSize(1);
        Files.write(during.get(0), new byte[7]); // as a write killed before its rename would leave it

        assertThat(AtomicFiles.deleteLeftovers(dir)).isEqualTo(7);
        assertThat(filesIn(dir)).containsExactly(dir.resolve("checkpoint.zip"));
    }
}
