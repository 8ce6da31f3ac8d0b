package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** metrics.csv: one row per epoch, rewritten whole (atomically) after every epoch. */
public final class MetricsCsv {
    public static final String HEADER = "epoch,loss_labeled,loss_unlabeled,loss_generator,train_accuracy,test_accuracy,seconds";

    private MetricsCsv() {
    }

    public static String format(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EpochMetrics m : history) {
            sb.append(String.format(Locale.ROOT, "%d,%.9g,%.9g,%.9g,%.6f,%.6f,%.3f\n", m.epoch(), m.lossLabeled(),
                    m.lossUnlabeled(), m.lossGenerator(), m.trainAccuracy(), m.testAccuracy(), m.seconds()));
        }
        return sb.toString();
    }

    /** Parses a metrics.csv written by {@link #write}. */
    public static List<EpochMetrics> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a metrics.csv: expected the header " + HEADER);
        }
        List<EpochMetrics> history = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            history.add(new EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
        }
        return history;
    }

    public static void write(Path file, List<EpochMetrics> history) {
        AtomicFiles.writeString(file, format(history));
    }
}
