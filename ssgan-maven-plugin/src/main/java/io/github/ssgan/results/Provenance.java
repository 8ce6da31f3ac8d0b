package io.github.ssgan.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where and with what a run was computed: enough to tell whether a re-run should match digit for digit. Older
 * result files without {@code nativeEnvironment} read it as null.
 */
public record Provenance(
        String plugin,
        String dl4j,
        String nd4j,
        String backend,
        String blas,
        String java,
        String os,
        String cpu,
        int cores,
        int threads,
        Map<String, String> nativeEnvironment) {
    /** Environment variables the native thread pools and BLAS kernels read; OPENBLAS_CORETYPE, say, picks the kernels. */
    private static final List<String> NATIVE_PREFIXES = List.of("OMP_", "GOMP_", "OPENBLAS_", "MKL_");

    public static Provenance capture(int threads) {
        Properties versions = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/io/github/ssgan/versions.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException ignored) {
            // versions stay "unknown"
        }
        Object blas = Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor");
        return new Provenance(
                versions.getProperty("plugin", "unknown"),
                versions.getProperty("dl4j", "unknown"),
                versions.getProperty("nd4j", "unknown"),
                Nd4j.getBackend().getClass().getSimpleName(),
                blas == null ? "unknown" : blas.toString(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                threads,
                nativeEnvironment(System.getenv()));
    }

    static Map<String, String> nativeEnvironment(Map<String, String> env) {
        Map<String, String> selected = new TreeMap<>();
        env.forEach((name, value) -> {
            if (NATIVE_PREFIXES.stream().anyMatch(name::startsWith)) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException ignored) {
                // fall through
            }
        }
        return System.getProperty("os.arch");
    }
}
