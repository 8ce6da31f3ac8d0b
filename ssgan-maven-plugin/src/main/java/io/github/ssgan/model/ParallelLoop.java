package io.github.ssgan.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits an element-wise loop over the run's compute threads ({@link #setThreads}), so that the Java loops of the
 * training step (fused kernels, Adam) use every core rather than one while the others wait. Each element's result
 * depends on nothing but its inputs, so splitting changes no number.
 */
public final class ParallelLoop {
    /** Below this many elements per chunk, handing work to another thread costs more than it saves. */
    static final int MIN_CHUNK_ELEMENTS = 16_384;

    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssgan-loop");
        t.setDaemon(true);
        return t;
    });

    /**
     * The compute threads; until set, as many as ND4J computes with. Not ND4J's own setting: its
     * {@code Environment.setMaxThreads(1)} leaves {@code maxThreads()} at the core count, so a run told to use one
     * thread still split its loops over all cores.
     */
    private static volatile int threads = Nd4j.getEnvironment().maxThreads();

    private ParallelLoop() {
    }

    /** How many threads {@link #run(int, int, Body)} splits over from now on (at least 1). */
    public static void setThreads(int count) {
        threads = Math.max(1, count);
    }

    public static int threads() {
        return threads;
    }

    /** A loop body over indices [from, to). */
    @FunctionalInterface
    public interface Body {
        void run(int from, int to);
    }

    /**
     * Runs body over [0, n) in chunks, the first on the calling thread.
     *
     * @param elementsPerIndex work per index (a row's length for a loop over rows), to size the chunks
     */
    public static void run(int n, int elementsPerIndex, Body body) {
        run(threads, n, elementsPerIndex, body);
    }

    static void run(int threads, int n, int elementsPerIndex, Body body) {
        threads = Math.max(1, threads);
        long elements = (long) n * Math.max(1, elementsPerIndex);
        int chunks = (int) Math.max(1, Math.min(Math.min(threads, n), elements / MIN_CHUNK_ELEMENTS));
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        Future<?>[] others = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = bound(n, c, chunks);
            int to = bound(n, c + 1, chunks);
            others[c - 1] = HELPERS.submit(() -> body.run(from, to));
        }
        try {
            body.run(0, bound(n, 1, chunks));
        } catch (RuntimeException | Error e) {
            // nothing may still write once this returns, also when the caller's own chunk failed
            try {
                awaitAll(others);
            } catch (RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
        awaitAll(others);
    }

    private static void awaitAll(Future<?>[] chunks) {
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<?> f : chunks) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // a chunk takes milliseconds: finish waiting, then restore the flag
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static int bound(int n, int chunk, int chunks) {
        return (int) ((long) n * chunk / chunks);
    }
}
