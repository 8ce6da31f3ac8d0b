package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The confusion matrix of a classifier on the test set: {@code counts[label][predicted]}. Written per run as
 * confusion.csv after the final epoch, so a report shows it without loading a model.
 */
public record Confusion(long[][] counts) {
    private static final String CORNER = "label\\predicted";

    public static Confusion empty(int classes) {
        return new Confusion(new long[classes][classes]);
    }

    public int classes() {
        return counts.length;
    }

    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    public long correct() {
        return IntStream.range(0, counts.length).mapToLong(i -> counts[i][i]).sum();
    }

    /** The share on the diagonal: the test accuracy. */
    public double accuracy() {
        return (double) correct() / total();
    }

    /** The share of label {@code label}'s images predicted as {@code predicted}. */
    public double rate(int label, int predicted) {
        long row = Arrays.stream(counts[label]).sum();
        return row == 0 ? 0 : (double) counts[label][predicted] / row;
    }

    /** Element-wise sum (e.g. over the seeds of an experiment). */
    public Confusion plus(Confusion other) {
        long[][] sum = new long[classes()][classes()];
        for (int i = 0; i < classes(); i++) {
            for (int j = 0; j < classes(); j++) {
                sum[i][j] = counts[i][j] + other.counts[i][j];
            }
        }
        return new Confusion(sum);
    }

    public void write(Path file) {
        StringBuilder csv = new StringBuilder(CORNER);
        IntStream.range(0, classes()).forEach(j -> csv.append(',').append(j));
        csv.append('\n');
        for (int i = 0; i < classes(); i++) {
            csv.append(i);
            for (long c : counts[i]) {
                csv.append(',').append(c);
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /** Reads a confusion.csv written by {@link #write}. */
    public static Confusion read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).startsWith(CORNER)) {
            throw new IOException(file + " is not a confusion.csv: expected a header starting with " + CORNER);
        }
        int classes = lines.size() - 1;
        long[][] counts = new long[classes][];
        try {
            for (int i = 0; i < classes; i++) {
                String[] f = lines.get(i + 1).split(",");
                if (f.length != classes + 1) {
                    throw new IOException(file + " line " + (i + 2) + ": expected " + (classes + 1) + " fields");
                }
                counts[i] = Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray();
            }
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return new Confusion(counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Confusion c && Arrays.deepEquals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.stream(counts).map(Arrays::toString).collect(Collectors.joining(", ", "Confusion[", "]"));
    }
}
