package io.github.ssgan.maven;

import io.github.ssgan.run.TrainingJvms;
import io.github.ssgan.spec.SpecException;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.codehaus.plexus.util.cli.CommandLineUtils;

/**
 * Runs the training JVMs ({@link TrainingJvms}) on the plugin's own classpath and relays their protocol lines to the
 * Maven log. See {@link io.github.ssgan.run.TrainMain} for why training does not run inside Maven's JVM.
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

    /**
     * Trains each suite file in a training JVM of its own, all at once, relaying their lines to the Maven log; returns
     * when every one has exited.
     *
     * @param natives the native binaries' jars, appended to the plugin's classpath (see {@link NativeBinaries})
     * @throws MojoFailureException   if one stopped on bad input or a diverged run (every such message)
     * @throws MojoExecutionException if one crashed or could not start
     */
    void run(List<String> jvmArgs, List<Path> natives, List<Path> specFiles, Path dataDirectory)
            throws MojoExecutionException, MojoFailureException {
        TrainingJvms jvms = new TrainingJvms(jvmArgs, classpath(natives), new TrainingJvms.Output() {
            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        });
        for (Path spec : specFiles) {
            log.debug("Forking: " + String.join(" ", jvms.command(spec, dataDirectory)));
        }
        List<TrainingJvms.Exit> exits;
        try {
            exits = jvms.run(specFiles, dataDirectory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        }
        List<TrainingJvms.Exit> crashed = exits.stream().filter(e -> !e.ok() && !e.isFailure()).toList();
        if (!crashed.isEmpty()) {
            crashed.forEach(e -> e.recent().forEach(log::error));
            throw new MojoExecutionException(crashed.stream()
                    .map(e -> "the training JVM exited with code " + e.code() + (e.failure() == null ? "" : ": " + e.failure()))
                    .collect(Collectors.joining("; ")));
        }
        String failures = exits.stream().filter(TrainingJvms.Exit::isFailure).map(TrainingJvms.Exit::failure)
                .collect(Collectors.joining("\n"));
        if (!failures.isEmpty()) {
            throw new MojoFailureException(failures);
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
