package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import io.github.ssgan.training.EpochMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** metrics.csv: one row per epoch, rewritten whole (atomically) after every epoch. */
public final class MetricsCsv {
    public static final String FILE = "metrics.csv";
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

    public static void write(Path runDirectory, List<EpochMetrics> history) {
        AtomicFiles.writeString(runDirectory.resolve(FILE), format(history));
    }
}
