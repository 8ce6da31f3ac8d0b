package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssgan.results.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResultTest {
    @TempDir
    Path dir;

    static RunResult result() {
        Map<String, Object> config = new TreeMap<>();
        config.put("algorithm", "salimans2016-pi-mnist/1");
        config.put("batchSize", 100);
        config.put("learningRate", 0.003);
        config.put("labelsPerClass", null);
        config.put("experiment", "n100");
        config.put("dataset", Map.of("train-images-idx3-ubyte", "ba89"));
        return new RunResult("n100", 7L, 100, 100 / 60000.0, 2,
                0.9812,
                List.of(new EpochMetrics(1, 0.5, 0.6, 0.7, 0.8, 0.9, 12.5),
                        new EpochMetrics(2, 0.25, 0.3, 0.35, 0.95, 0.9812, 11.0)),
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                config,
                new RunResult.DatasetRecord("MNIST", 60000, 10000,
                        Map.of("train-images-idx3-ubyte", "ba89", "t10k-labels-idx1-ubyte", "ff7b")),
                new Provenance("0.1.0-SNAPSHOT", "1.0.0-M2.1", "1.0.0-M2.1", "CpuBackend", "OpenBLAS", "Java 17",
                        "Linux 6.1 amd64", "Some CPU @ 3 GHz", 16, 4, Map.of("OPENBLAS_CORETYPE", "Haswell")),
                23.5);
    }

    @Test
    void writeThenReadGivesTheSameResult() {
        RunResult r = result();

        r.write(dir.resolve(RunDirectory.RESULT));

        assertThat(dir.resolve(RunDirectory.RESULT)).isRegularFile();
        assertThat(RunResult.read(dir.resolve(RunDirectory.RESULT))).isEqualTo(r);
    }

    @Test
    void aFileWrittenBeforeProvenanceRecordedTheNativeEnvironmentStillReads() throws IOException {
        result().write(dir.resolve(RunDirectory.RESULT));
        Path file = dir.resolve(RunDirectory.RESULT);
        String json = Files.readString(file);
        String older = json.replaceAll(",\\s*\"nativeEnvironment\"\\s*:\\s*\\{[^}]*\\}", "");
        assertThat(older).isNotEqualTo(json).doesNotContain("nativeEnvironment");
        Files.writeString(file, older);

        RunResult read = RunResult.read(dir.resolve(RunDirectory.RESULT));

        assertThat(read.provenance().nativeEnvironment()).isNull();
        assertThat(read.provenance().threads()).isEqualTo(4);
        assertThat(read.history()).isEqualTo(result().history());
    }

    @Test
    void provenanceKeepsOnlyTheVariablesTheNativeLibrariesRead() {
        assertThat(Provenance.nativeEnvironment(Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_WAIT_POLICY", "PASSIVE",
                "HOME", "/root", "GOMP_SPINCOUNT", "0", "PATH", "/bin")))
                .containsExactly(Map.entry("GOMP_SPINCOUNT", "0"), Map.entry("OMP_WAIT_POLICY", "PASSIVE"),
                        Map.entry("OPENBLAS_CORETYPE", "Haswell"));
    }

    @Test
    void theFileIsReadableJsonWithNamedFields() throws IOException {
        result().write(dir.resolve(RunDirectory.RESULT));

        String json = Files.readString(dir.resolve("result.json"));
        assertThat(json).contains("\"experiment\" : \"n100\"", "\"testAccuracy\" : 0.9812", "\"seed\" : 7",
                "\"configHash\" : \"0123456789abcdef", "\"blas\" : \"OpenBLAS\"");
        assertThat(json.indexOf("\"algorithm\"")).isLessThan(json.indexOf("\"batchSize\""));
    }

    @Test
    void missingFileReadsAsNull() {
        assertThat(RunResult.read(dir.resolve(RunDirectory.RESULT))).isNull();
        assertThat(RunResult.read(dir.resolve("no-such-run").resolve(RunDirectory.RESULT))).isNull();
    }

    @Test
    void unreadableFileReadsAsNull() throws IOException {
        Files.writeString(dir.resolve(RunDirectory.RESULT), "this is not JSON {");

        assertThat(RunResult.read(dir.resolve(RunDirectory.RESULT))).isNull();
    }

    @Test
    void truncatedFileReadsAsNull() throws IOException {
        result().write(dir.resolve(RunDirectory.RESULT));
        String json = Files.readString(dir.resolve(RunDirectory.RESULT));
        Files.writeString(dir.resolve(RunDirectory.RESULT), json.substring(0, json.length() / 2));

        assertThat(RunResult.read(dir.resolve(RunDirectory.RESULT))).isNull();
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws IOException {
        result().write(dir.resolve(RunDirectory.RESULT));
        Path file = dir.resolve(RunDirectory.RESULT);
        String json = Files.readString(file).replaceFirst("\\{", "{\n  \"addedLater\" : [1, 2],");
        Files.writeString(file, json);

        RunResult read = RunResult.read(dir.resolve(RunDirectory.RESULT));
        assertThat(read).isNotNull();
        assertThat(read.testAccuracy()).isEqualTo(0.9812);
        assertThat(read.configHash()).isEqualTo(result().configHash());
    }
}
