package io.github.ssgan.run;

import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.spec.SpecException;

import io.github.ssgan.data.DatasetException;
import io.github.ssgan.data.Mnist;
import io.github.ssgan.storage.Json;
import io.github.ssgan.training.TrainingDivergedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of the training JVM that {@code ssgan:train} forks: {@code TrainMain <suite.json> <mnist directory>}.
 * A separate JVM lets the plugin set the thread pools' wait policies ({@link #NATIVE_ENVIRONMENT}) before the native
 * libraries load, keeps ND4J's off-heap memory out of Maven's process and dies with the build.
 *
 * <p>Protocol on stdout: lines starting with {@code INFO }, {@code WARN } or {@code FAIL }. Exit code 0: done;
 * 2: bad input or data (a build failure); 3: the run diverged; 1: anything else.
 */
public final class TrainMain {
    /**
     * Set for the training JVM before the native libraries load. Both thread pools otherwise keep spinning after
     * their work: libgomp's workers (after every element-wise op) starve the BLAS threads, which halved throughput
     * on 2 cores; OpenBLAS's workers (after every matrix product, up to 2^28 cycles) cost a further ~7 % and a third
     * of the CPU time in system calls. Neither changes any result.
     */
    public static final Map<String, String> NATIVE_ENVIRONMENT = Map.of(
            "OMP_WAIT_POLICY", "PASSIVE",
            "OPENBLAS_THREAD_TIMEOUT", "4");
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_DIVERGED = 3;

    private TrainMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.out.println("FAIL usage: TrainMain <suite.json> <mnist directory>");
            System.exit(1);
        }
        System.setProperty("java.awt.headless", "true"); // charts and sample sheets, no display
        exitWhenParentDies();
        ProgressLog log = new ProgressLog() {
            @Override
            public void info(String message) {
                print("INFO ", message);
            }

            @Override
            public void warn(String message) {
                print("WARN ", message);
            }
        };
        int code = 0;
        try {
            SuiteSpec suite = Json.MAPPER.readValue(Path.of(args[0]).toFile(), SuiteSpec.class);
            new SuiteRunner(suite, log).run(Mnist.load(Path.of(args[1])));
            long peak = peakRssMb();
            if (peak > 0) {
                log.info("training JVM " + (suite.part().isPartial() ? suite.part() + " " : "") + "peak RSS " + peak + " MB");
            }
        } catch (SpecException | DatasetException e) {
            print("FAIL ", e.getMessage());
            code = EXIT_BAD_INPUT;
        } catch (TrainingDivergedException e) {
            print("FAIL ", e.getMessage());
            code = EXIT_DIVERGED;
        } catch (IOException | RuntimeException e) {
            print("FAIL ", e.toString());
            e.printStackTrace(System.out);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /** This process's peak resident memory (Linux's VmHWM), or −1 where unknown. */
    static long peakRssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }

    private static synchronized void print(String prefix, String message) {
        for (String line : message.split("\n")) {
            System.out.println(prefix + line);
        }
        System.out.flush();
    }

    /** The plugin holds our stdin open; end of input means the build is gone, so stop rather than train orphaned. */
    private static void exitWhenParentDies() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // ignore anything sent
                }
            } catch (IOException ignored) {
                // treat as closed
            }
            System.exit(130);
        }, "ssgan-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
