package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsArchiveTest {
    @TempDir
    Path tmp;

    private static RunResult run(String experiment, long seed, double accuracy, boolean supervised) {
        RunResult r = RunResultTest.result();
        java.util.Map<String, Object> config = new java.util.TreeMap<>(r.config());
        if (supervised) {
            config.put("objective", io.github.ssgan.spec.RunSpec.SUPERVISED);
        }
        return new RunResult(experiment, seed, r.labeledCount(), r.labeledFraction(), r.epochs(), accuracy,
                r.history(), r.configHash(), config, r.dataset(), r.provenance(), r.durationSeconds());
    }

    @Test
    void packsTheResultFilesInTheirLayoutWithoutCheckpointsAndLocks() throws Exception {
        Path out = tmp.resolve("ssgan");
        RunDirectory one = RunDirectory.of(out, "labels-100", 1);
        run("labels-100", 1, 0.97, false).write(one.result());
        Files.writeString(one.metrics(), "epoch\n");
        Files.createDirectories(one.samples());
        Files.write(one.sample(1), new byte[] {1});
        Files.write(one.model(), new byte[] {2});
        Files.write(one.checkpoint(), new byte[] {3});
        Files.write(one.corruptCheckpoint(), new byte[] {4});
        Files.writeString(one.lock(), "");
        Files.writeString(one.path().resolve(".result.json123.tmp"), "half");
        RunDirectory unfinished = RunDirectory.of(out, "labels-100", 2);
        Files.createDirectories(unfinished.path());
        Files.write(unfinished.checkpoint(), new byte[] {5});
        RunDirectory supervised = RunDirectory.of(out, "labels-100", 1, true);
        run("labels-100", 1, 0.9, true).write(supervised.result());
        Files.writeString(RunDirectory.suiteFile(out), "{\"experiments\":[]}");
        Files.writeString(out.resolve("notes.txt"), "not a result file");

        Path zip = tmp.resolve("results.zip");
        ResultsArchive.Packed packed = ResultsArchive.write(out, zip);

        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().forEach(e -> names.add(e.getName()));
        }
        // result.json last in each run, as RunDirectory.portableFiles() orders them
        assertThat(names).containsExactly("suite.json", "labels-100/seed-1/metrics.csv", "labels-100/seed-1/model.zip",
                "labels-100/seed-1/samples/epoch-0001.png", "labels-100/seed-1/result.json",
                "labels-100/supervised-seed-1/result.json");
        assertThat(packed).isEqualTo(new ResultsArchive.Packed(2, 6));
        // the same results make the same bytes
        Path again = tmp.resolve("again.zip");
        ResultsArchive.write(out, again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(zip));

        Path unpacked = tmp.resolve("unpacked");
        Files.createDirectories(unpacked.resolve("stale/seed-9"));
        ResultsArchive.extract(zip, unpacked);
        assertThat(unpacked.resolve("stale")).doesNotExist();
        ResultsSet read = ResultsSet.read(List.of(unpacked));
        assertThat(read.experiment("labels-100").accuracy().mean()).isEqualTo(0.97);
        assertThat(read.experiment("labels-100").baseline().mean()).isEqualTo(0.9);
    }

    @Test
    void anEntryOutsideTheTargetIsRefused() throws Exception {
        Path zip = tmp.resolve("evil.zip");
        try (ZipOutputStream z = new ZipOutputStream(new FileOutputStream(zip.toFile()))) {
            z.putNextEntry(new ZipEntry("../escaped.txt"));
            z.write(1);
            z.closeEntry();
        }
        assertThatThrownBy(() -> ResultsArchive.extract(zip, tmp.resolve("into")))
                .hasMessageContaining("'../escaped.txt' would be written outside");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }
}
