package io.github.ssgan.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file (LeCun's MNIST format) of unsigned bytes: a magic number 0x0000 08 NN (type ubyte, NN dimensions),
 * NN big-endian dimension sizes, then the data. Raw or gzip-compressed.
 */
public record IdxFile(int[] dimensions, byte[] data) {
    private static final int UBYTE = 0x08;

    /** Reads and fully decompresses a file; gzip is recognised by its magic bytes, whatever the name. */
    public static byte[] readRaw(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream gz = new GZIPInputStream(in)) {
                    return gz.readAllBytes();
                }
            }
            return in.readAllBytes();
        }
    }

    /**
     * Parses raw IDX bytes, checking the magic number, the expected number of dimensions and that the data is
     * exactly as long as the header says (truncated downloads are the usual failure).
     */
    public static IdxFile parse(byte[] raw, int expectedDimensions, String name) {
        if (raw.length < 4) {
            throw new DatasetException(name + " is truncated: " + raw.length + " bytes, not even an IDX header");
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        int magic = buf.getInt();
        int type = (magic >>> 8) & 0xff;
        int dims = magic & 0xff;
        if ((magic >>> 16) != 0 || type != UBYTE || dims != expectedDimensions) {
            throw new DatasetException(String.format(
                    "%s has the wrong magic number 0x%08x: expected 0x%08x (unsigned bytes, %d dimensions); is it an IDX file?",
                    name, magic, (UBYTE << 8) | expectedDimensions, expectedDimensions));
        }
        if (raw.length < 4 + 4 * dims) {
            throw new DatasetException(name + " is truncated: the header needs " + (4 + 4 * dims) + " bytes, the file has " + raw.length);
        }
        int[] sizes = new int[dims];
        long count = 1;
        for (int i = 0; i < dims; i++) {
            sizes[i] = buf.getInt();
            if (sizes[i] < 0) {
                throw new DatasetException(name + " has a negative dimension in its header");
            }
            count *= sizes[i];
        }
        long expected = 4L + 4L * dims + count;
        if (raw.length != expected) {
            throw new DatasetException(String.format("%s is %s: the header %s promises %d bytes, the file has %d",
                    name, raw.length < expected ? "truncated" : "too long", Arrays.toString(sizes), expected, raw.length));
        }
        return new IdxFile(sizes, Arrays.copyOfRange(raw, 4 + 4 * dims, raw.length));
    }

    /** Writes an IDX file of unsigned bytes; used by tests and by anyone preparing their own data. */
    public static byte[] encode(int[] dimensions, byte[] data) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buf.putInt((UBYTE << 8) | dimensions.length);
        for (int d : dimensions) {
            buf.putInt(d);
        }
        buf.put(data);
        return buf.array();
    }
}
