package io.github.ssgan.maven;

import io.github.ssgan.run.TrainMain;
import io.github.ssgan.spec.SpecException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.codehaus.plexus.util.cli.CommandLineUtils;

/**
 * Runs {@link TrainMain} in a child JVM on the plugin's own classpath and relays its protocol lines to the Maven log.
 * See {@link TrainMain} for why training does not run inside Maven's JVM.
 */
final class TrainingProcess {
    private final Log log;

    TrainingProcess(Log log) {
        this.log = log;
    }

    /**
     * The {@code jvmArgs} parameter split into arguments as a shell would: quotes group, so
     * {@code -Dx="a b" -Xmx512m} is two arguments and a path with a space survives (splitting on spaces broke it).
     *
     * @throws SpecException naming jvmArgs if the value cannot be split (an unbalanced quote)
     */
    static List<String> jvmArguments(String jvmArgs) {
        if (jvmArgs == null || jvmArgs.isBlank()) {
            return List.of();
        }
        try {
            // translateCommandline splits on spaces only; a POM value written over several lines has newlines and tabs
            return List.of(CommandLineUtils.translateCommandline(jvmArgs.replaceAll("[\\t\\r\\n]", " ")));
        } catch (Exception e) { // plexus-utils declares Exception; it throws a CommandLineException
            throw new SpecException("jvmArgs", "cannot split [" + jvmArgs + "] into arguments: " + e.getMessage());
        }
    }

    /** @param natives the native binaries' jars, appended to the plugin's classpath (see {@link NativeBinaries}) */
    void run(List<String> jvmArgs, List<Path> natives, String mainClass, Path specFile, Path dataDirectory)
            throws MojoExecutionException, MojoFailureException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath(natives));
        command.add(mainClass);
        command.add(specFile.toString());
        command.add(dataDirectory.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        TrainMain.NATIVE_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
        log.debug("Forking: " + String.join(" ", command));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot start the training JVM: " + e.getMessage(), e);
        }
        Thread killer = new Thread(process::destroy, "ssgan-stop-training");
        Runtime.getRuntime().addShutdownHook(killer);
        String failure = null;
        ArrayDeque<String> recent = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("INFO ")) {
                    log.info(line.substring(5));
                } else if (line.startsWith("WARN ")) {
                    log.warn(line.substring(5));
                } else if (line.startsWith("FAIL ")) {
                    failure = failure == null ? line.substring(5) : failure + "\n" + line.substring(5);
                    log.error(line.substring(5));
                } else if (!line.startsWith("SLF4J:")) {
                    log.debug(line);
                    recent.addLast(line);
                    if (recent.size() > 30) {
                        recent.removeFirst();
                    }
                }
            }
            int code = process.waitFor();
            if (code == TrainMain.EXIT_BAD_INPUT || code == TrainMain.EXIT_DIVERGED) {
                throw new MojoFailureException(failure);
            }
            if (code != 0) {
                recent.forEach(log::error);
                throw new MojoExecutionException("the training JVM exited with code " + code
                        + (failure == null ? "" : ": " + failure));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("lost the training JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
    }

    /**
     * The plugin's class realm (the plugin jar and its runtime dependencies), slf4j-api, which Maven keeps out of
     * plugin realms because its core exports it, and ND4J needs, and the native binaries.
     */
    private static String classpath(List<Path> natives) throws MojoExecutionException {
        ClassLoader loader = TrainingProcess.class.getClassLoader();
        if (!(loader instanceof URLClassLoader urls)) {
            throw new MojoExecutionException("cannot determine the plugin classpath from " + loader);
        }
        List<String> entries = Arrays.stream(urls.getURLs()).map(TrainingProcess::toPath).collect(Collectors.toList());
        CodeSource slf4j = org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource();
        if (slf4j != null) {
            entries.add(toPath(slf4j.getLocation()));
        }
        natives.forEach(jar -> entries.add(jar.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static String toPath(URL url) {
        try {
            return Paths.get(url.toURI()).toString();
        } catch (Exception e) {
            return url.getPath();
        }
    }
}
