package io.github.ssgan.run;

import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.ShardAssignment;
import io.github.ssgan.spec.SuiteSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Training JVMs ({@link TrainMain}) forked side by side, one per suite file, each relaying its protocol lines as they
 * come; {@link #run} returns when all have exited. Separate processes, not threads: two Java threads calling a
 * one-thread OpenBLAS in one process ran slower than one, two processes side by side did not. Killed with the JVM
 * that forked them (a shutdown hook), and they stop by themselves when it dies (their standard input closes).
 */
public final class TrainingJvms {
    /**
     * The suite each training JVM is given: the whole shard to one JVM when parallelRuns is 1 or a single GAN run
     * (with its baseline) is left to train; else the shard to each of min(parallelRuns, GAN runs left to train) JVMs,
     * numbered as parts, which take its runs in turn (SuiteRunner): the split follows what is left, not a fixed share.
     *
     * @param datasetSha256 the data's checksums, which decide whether a run is up to date
     */
    public static List<SuiteSpec> parts(SuiteSpec suite, Map<String, String> datasetSha256) {
        long units = ShardAssignment.unitCount(UpToDateCheck.runsToTrain(suite, datasetSha256));
        int count = (int) Math.min(suite.parallelRuns(), Math.max(1, units));
        if (count <= 1) {
            return List.of(suite);
        }
        List<SuiteSpec> parts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            parts.add(suite.withPart(new Shard(i, count)));
        }
        return parts;
    }

    /** Where the training JVMs' lines go. Called from several threads, one line at a time. */
    public interface Output {
        void info(String message);

        void warn(String message);

        void error(String message);

        /** Any other line (a stack trace, a native library's output). */
        void debug(String message);
    }

    /**
     * How one training JVM ended.
     *
     * @param failure its {@code FAIL} lines, or null
     * @param recent  its last lines that were not protocol lines, for a crash report
     */
    public record Exit(int code, String failure, List<String> recent) {
        public boolean ok() {
            return code == 0;
        }

        /** Bad input or a diverged run: the build's failure, not a crash. */
        public boolean isFailure() {
            return code == TrainMain.EXIT_BAD_INPUT || code == TrainMain.EXIT_DIVERGED;
        }
    }

    private final List<String> javaCommand;
    private final Output out;

    /**
     * @param jvmArgs   the training JVMs' options
     * @param classpath the classpath they run {@link TrainMain} on
     */
    public TrainingJvms(List<String> jvmArgs, String classpath, Output out) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(TrainMain.class.getName());
        this.javaCommand = List.copyOf(command);
        this.out = out;
    }

    /** The command of the JVM that trains {@code specFile}, for a debug log. */
    public List<String> command(Path specFile, Path dataDirectory) {
        List<String> command = new ArrayList<>(javaCommand);
        command.add(specFile.toString());
        command.add(dataDirectory.toString());
        return command;
    }

    /**
     * Starts one training JVM per suite file, all at once, and waits for every one of them. A JVM that cannot start
     * is an exit with code −1.
     *
     * @throws InterruptedException when interrupted while waiting; every JVM is destroyed first
     */
    public List<Exit> run(List<Path> specFiles, Path dataDirectory) throws InterruptedException {
        List<Process> processes = new CopyOnWriteArrayList<>();
        Exit[] exits = new Exit[specFiles.size()];
        Thread killer = new Thread(() -> processes.forEach(Process::destroy), "ssgan-stop-training");
        Runtime.getRuntime().addShutdownHook(killer);
        List<Thread> relays = new ArrayList<>();
        try {
            for (int i = 0; i < specFiles.size(); i++) {
                ProcessBuilder builder = new ProcessBuilder(command(specFiles.get(i), dataDirectory)).redirectErrorStream(true);
                TrainMain.NATIVE_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
                Process process;
                try {
                    process = builder.start();
                } catch (IOException e) {
                    exits[i] = new Exit(-1, "cannot start the training JVM: " + e.getMessage(), List.of());
                    continue;
                }
                processes.add(process);
                int index = i;
                Thread relay = new Thread(() -> exits[index] = relay(process), "ssgan-training-" + (i + 1));
                relay.start();
                relays.add(relay);
            }
            for (Thread relay : relays) {
                relay.join();
            }
        } catch (InterruptedException e) {
            processes.forEach(Process::destroy);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
        return List.of(exits);
    }

    /** Relays one JVM's lines until it exits. */
    private Exit relay(Process process) {
        String failure = null;
        ArrayDeque<String> recent = new ArrayDeque<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("INFO ")) {
                    out.info(line.substring(5));
                } else if (line.startsWith("WARN ")) {
                    out.warn(line.substring(5));
                } else if (line.startsWith("FAIL ")) {
                    failure = failure == null ? line.substring(5) : failure + "\n" + line.substring(5);
                    out.error(line.substring(5));
                } else if (!line.startsWith("SLF4J:")) {
                    out.debug(line);
                    recent.addLast(line);
                    if (recent.size() > 30) {
                        recent.removeFirst();
                    }
                }
            }
            return new Exit(process.waitFor(), failure, List.copyOf(recent));
        } catch (IOException e) {
            process.destroy();
            return new Exit(-1, "lost the training JVM: " + e.getMessage(), List.copyOf(recent));
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            return new Exit(-1, "interrupted", List.copyOf(recent));
        }
    }
}
