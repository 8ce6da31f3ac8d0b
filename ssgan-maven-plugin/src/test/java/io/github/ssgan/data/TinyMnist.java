package io.github.ssgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Hand-made stand-ins for the four MNIST files: a few 2×2 images, so no test needs the real data set. */
final class TinyMnist {
    static final int SIDE = 2;
    /** Training images, one row per image; 255 must read as 1.0, 0 as 0.0. */
    static final byte[] TRAIN_PIXELS = {
        0, (byte) 255, 51, (byte) 204,
        (byte) 255, 0, 0, 0,
        1, 2, 3, 4,
        10, 20, 30, 40,
        (byte) 128, (byte) 128, (byte) 128, (byte) 128,
    };
    static final byte[] TRAIN_LABELS = {3, 0, 1, 2, 1};
    static final byte[] TEST_PIXELS = {
        (byte) 255, (byte) 255, (byte) 255, (byte) 255,
        0, 0, 0, 0,
    };
    static final byte[] TEST_LABELS = {7, 2};

    private TinyMnist() {
    }

    /** The uncompressed IDX bytes of each file. */
    static Map<Mnist.File, byte[]> files() {
        Map<Mnist.File, byte[]> m = new EnumMap<>(Mnist.File.class);
        m.put(Mnist.File.TRAIN_IMAGES, IdxFile.encode(new int[] {TRAIN_LABELS.length, SIDE, SIDE}, TRAIN_PIXELS));
        m.put(Mnist.File.TRAIN_LABELS, IdxFile.encode(new int[] {TRAIN_LABELS.length}, TRAIN_LABELS));
        m.put(Mnist.File.TEST_IMAGES, IdxFile.encode(new int[] {TEST_LABELS.length, SIDE, SIDE}, TEST_PIXELS));
        m.put(Mnist.File.TEST_LABELS, IdxFile.encode(new int[] {TEST_LABELS.length}, TEST_LABELS));
        return m;
    }

    /** Writes the four files into dir under their MNIST names, raw or gzip-compressed with a .gz suffix. */
    static Path write(Path dir, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<Mnist.File, byte[]> e : files().entrySet()) {
            String name = e.getKey().fileName + (gzip ? ".gz" : "");
            Files.write(dir.resolve(name), gzip ? IdxFileTest.gzip(e.getValue()) : e.getValue());
        }
        return dir;
    }
}
