package io.github.ssgan.data;

import io.github.ssgan.storage.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The four MNIST IDX files, pinned by the SHA-256 of their uncompressed bytes. */
public final class Mnist {
    public static final String NAME = "MNIST";

    public enum File {
        TRAIN_IMAGES("train-images-idx3-ubyte", 3, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        TRAIN_LABELS("train-labels-idx1-ubyte", 1, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        TEST_IMAGES("t10k-images-idx3-ubyte", 3, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        TEST_LABELS("t10k-labels-idx1-ubyte", 1, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

        public final String fileName;
        final int dimensions;
        public final String sha256;

        File(String fileName, int dimensions, String sha256) {
            this.fileName = fileName;
            this.dimensions = dimensions;
            this.sha256 = sha256;
        }
    }

    private Mnist() {
    }

    /** The file for f in dir, raw or with a .gz suffix, or null. */
    public static Path find(Path dir, File f) {
        for (String name : new String[] {f.fileName, f.fileName + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    public static boolean complete(Path dir) {
        for (File f : File.values()) {
            if (find(dir, f) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * File name → pinned SHA-256 of the uncompressed bytes, in the order {@link #load(Path)} records them. Every
     * directory {@link MnistRepository#locate()} returns and {@link #load(Path)} accepts holds exactly these files, so
     * this is its {@link Dataset#sha256()}, known without reading 55 MB or loading ND4J (the build decides with it
     * whether anything must train).
     */
    public static Map<String, String> pinnedSha256() {
        Map<String, String> sha = new LinkedHashMap<>();
        for (File f : File.values()) {
            sha.put(f.fileName, f.sha256);
        }
        return sha;
    }

    /** Reads and verifies all four files of dir: the pinned checksums, IDX magic numbers and lengths. */
    public static Dataset load(Path dir) {
        return load(dir, true);
    }

    /** As {@link #load(Path)}; without checksum verification for hand-made IDX files (tests, other digit sets). */
    public static Dataset load(Path dir, boolean verifyChecksums) {
        Map<File, IdxFile> files = new EnumMap<>(File.class);
        Map<String, String> sha = new LinkedHashMap<>();
        for (File f : File.values()) {
            byte[] raw = readVerified(dir, f, verifyChecksums);
            sha.put(f.fileName, Sha256.of(raw));
            files.put(f, IdxFile.parse(raw, f.dimensions, find(dir, f).toString()));
        }
        LabeledImages train = LabeledImages.fromIdx(files.get(File.TRAIN_IMAGES), files.get(File.TRAIN_LABELS), "training set");
        LabeledImages test = LabeledImages.fromIdx(files.get(File.TEST_IMAGES), files.get(File.TEST_LABELS), "test set");
        if (train.pixels() != test.pixels()) {
            throw new DatasetException("training images have " + train.pixels() + " pixels, test images " + test.pixels());
        }
        return new Dataset(NAME, train, test, sha);
    }

    /** The uncompressed bytes of f in dir, checked against its pinned SHA-256. */
    public static byte[] readVerified(Path dir, File f, boolean verifyChecksum) {
        Path p = find(dir, f);
        if (p == null) {
            throw new DatasetException("missing " + f.fileName + " (or " + f.fileName + ".gz) in " + dir);
        }
        byte[] raw;
        try {
            raw = IdxFile.readRaw(p);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + p + ": " + e.getMessage() + " (truncated or corrupt gzip?)", e);
        }
        if (verifyChecksum) {
            String actual = Sha256.of(raw);
            if (!actual.equals(f.sha256)) {
                throw new DatasetException("checksum mismatch for " + p + ": SHA-256 of its uncompressed bytes is "
                        + actual + ", expected " + f.sha256 + " (a corrupt or different file)");
            }
        }
        return raw;
    }

}
