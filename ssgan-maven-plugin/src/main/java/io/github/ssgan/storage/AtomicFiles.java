package io.github.ssgan.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes that are all-or-nothing: a temporary file in the target's directory, renamed over the target. A build killed
 * mid-write leaves the previous file intact, never a half-written one.
 */
public final class AtomicFiles {
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /**
     * Deletes the temporary files that writes of {@code dir}'s files left when their process was killed before the
     * rename (a checkpoint's is about 9 MB). Only for a directory that nobody else writes meanwhile: a live write's
     * temporary file looks the same. Returns the bytes freed; a missing directory has none.
     */
    public static long deleteLeftovers(Path dir) {
        long freed = 0;
        if (!Files.isDirectory(dir)) {
            return freed;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX) && Files.isRegularFile(f)) {
                    long size = Files.size(f);
                    Files.delete(f);
                    freed += size;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary files left in " + dir + ": " + e.getMessage(),
                    e);
        }
        return freed;
    }

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), TEMPORARY_SUFFIX);
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    writer.writeTo(out);
                }
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
