package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A results set as one zip: suite.json and each run directory's published files ({@link RunDirectory#publishedFiles})
 * in the output directory's own layout, {@code <experiment>/seed-<n>/...}, so that unpacked it reads back with
 * {@link ResultsSet#read} like any output directory: a release's results as a baseline for a later check.
 */
public final class ResultsArchive {
    /** Entry times are fixed, so the same results make the same bytes (a reproducible artifact). */
    private static final FileTime ENTRY_TIME = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

    private ResultsArchive() {
    }

    /** What was packed: the runs (directories with a result.json among them) and the files. */
    public record Packed(int runs, int files) {
    }

    /** Writes the zip atomically; entries in a fixed order (experiment, seed, path). */
    public static Packed write(Path outputDirectory, Path zip) {
        int[] counts = new int[2];
        AtomicFiles.write(zip, out -> {
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                Path suite = RunDirectory.suiteFile(outputDirectory);
                if (Files.isRegularFile(suite)) {
                    add(z, RunDirectory.SUITE, suite);
                    counts[1]++;
                }
                for (RunDirectory run : RunDirectory.list(outputDirectory)) {
                    List<Path> files = run.publishedFiles();
                    for (Path file : files) {
                        add(z, outputDirectory.relativize(run.path().resolve(file)), run.path().resolve(file));
                        counts[1]++;
                    }
                    if (files.contains(run.path().relativize(run.result()))) {
                        counts[0]++;
                    }
                }
            }
        });
        return new Packed(counts[0], counts[1]);
    }

    private static void add(ZipOutputStream z, Path relative, Path file) throws IOException {
        // zip entry names use '/' whatever the platform
        String name = String.join("/", java.util.stream.StreamSupport.stream(relative.spliterator(), false)
                .map(Path::toString).toList());
        add(z, name, file);
    }

    private static void add(ZipOutputStream z, String name, Path file) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(ENTRY_TIME);
        z.putNextEntry(entry);
        Files.copy(file, z);
        z.closeEntry();
    }

    /**
     * Unpacks a results zip into this directory, replacing what an earlier unpacking left there (a re-resolved
     * snapshot must not keep the runs of the previous one). Entries that would land outside it are refused.
     */
    public static void extract(Path zip, Path target) {
        try {
            deleteTree(target);
            Files.createDirectories(target);
            Path root = target.toAbsolutePath().normalize();
            try (ZipFile z = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> entries = z.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    Path to = root.resolve(entry.getName()).normalize();
                    if (!to.startsWith(root) || to.equals(root)) {
                        throw new IOException("entry '" + entry.getName() + "' would be written outside " + target);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(to);
                        continue;
                    }
                    Files.createDirectories(to.getParent());
                    try (InputStream in = z.getInputStream(entry)) {
                        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the results " + zip + " into " + target + ": "
                    + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
