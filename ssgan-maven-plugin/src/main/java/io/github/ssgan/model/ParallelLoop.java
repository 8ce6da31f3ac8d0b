package io.github.ssgan.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits an element-wise loop over the run's compute threads ({@link #setThreads}), so that the Java loops of the
 * training step (fused kernels, Adam) use every core rather than one while the others wait. Each element's result
 * depends on nothing but its inputs (or, for column sums, on one thread's pass over its columns in row order), so
 * splitting changes no number.
 *
 * <p>The other chunks go to persistent helper threads, one per extra thread, handed their chunk directly and woken
 * with {@code LockSupport.unpark}: handing work through an executor and a future cost 50–80 µs a loop, measured on
 * 2 cores, more than most of the step's loops take on one thread. A loop is only split when each chunk has at least
 * {@link #MIN_CHUNK_WORK} of work. One caller at a time shares the helpers; a second caller (another run training in
 * the same JVM) runs its loop on its own thread, which gives the same numbers.
 */
public final class ParallelLoop {
    /**
     * Below this much work per chunk (elements × cost per element; a plain multiply-add costs 1, an exponential some
     * 30), handing a chunk to another thread costs more than it saves: about 10–30 µs of work on one core.
     */
    static final long MIN_CHUNK_WORK = 65_536;

    /**
     * The compute threads; until set, as many as ND4J computes with. Not ND4J's own setting: its
     * {@code Environment.setMaxThreads(1)} leaves {@code maxThreads()} at the core count, so a run told to use one
     * thread still split its loops over all cores.
     */
    private static volatile int threads = Nd4j.getEnvironment().maxThreads();

    private static final ReentrantLock POOL = new ReentrantLock();
    private static Helper[] helpers = new Helper[0];

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
        runOn(threads, n, (long) elementsPerIndex, body);
    }

    /**
     * As {@link #run(int, int, Body)} for a loop whose elements cost {@code costPerElement} plain operations each
     * (an exponential and a logarithm: some 30).
     */
    public static void run(int n, int elementsPerIndex, int costPerElement, Body body) {
        runOn(threads, n, (long) elementsPerIndex * Math.max(1, costPerElement), body);
    }

    /** Runs body over [0, n) on up to {@code threads} threads, for {@code workPerIndex} units of work per index. */
    static void runOn(int threads, int n, long workPerIndex, Body body) {
        threads = Math.max(1, threads);
        long work = n * Math.max(1, workPerIndex);
        int chunks = (int) Math.max(1, Math.min(Math.min(threads, n), work / MIN_CHUNK_WORK));
        if (chunks == 1 || Thread.currentThread() instanceof Helper || !POOL.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            Helper[] pool = helpers(chunks - 1);
            AtomicInteger pending = new AtomicInteger(chunks - 1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = Thread.currentThread();
            for (int c = 1; c < chunks; c++) {
                int from = bound(n, c, chunks);
                int to = bound(n, c + 1, chunks);
                pool[c - 1].hand(() -> {
                    try {
                        body.run(from, to);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        if (pending.decrementAndGet() == 0) {
                            LockSupport.unpark(caller);
                        }
                    }
                });
            }
            Throwable own = null;
            try {
                body.run(0, bound(n, 1, chunks));
            } catch (RuntimeException | Error e) {
                own = e;
            }
            // nothing may still write once this returns, also when the caller's own chunk failed
            awaitAll(pending);
            Throwable other = failure.get();
            if (own != null) {
                if (other != null) {
                    own.addSuppressed(other);
                }
                throw sneaky(own);
            }
            if (other instanceof RuntimeException r) {
                throw r;
            }
            if (other instanceof Error err) {
                throw err;
            }
            if (other != null) {
                throw new IllegalStateException(other);
            }
        } finally {
            POOL.unlock();
        }
    }

    /**
     * Waits for the helpers' chunks: a short spin (they usually finish with the caller), then parked until the last
     * one unparks it. Parking in timed slices instead cost a tenth more CPU, in system calls, on a machine whose
     * other core was busy with other work.
     */
    private static void awaitAll(AtomicInteger pending) {
        long spinUntil = System.nanoTime() + 10_000;
        while (pending.get() > 0 && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        while (pending.get() > 0) {
            LockSupport.park();
            interrupted |= Thread.interrupted(); // a chunk takes milliseconds: finish waiting, then restore the flag
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException sneaky(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        throw (Error) e;
    }

    /** At least {@code count} helpers, started once and kept (daemons, parked while idle). */
    private static Helper[] helpers(int count) {
        if (helpers.length < count) {
            Helper[] more = java.util.Arrays.copyOf(helpers, count);
            for (int i = helpers.length; i < count; i++) {
                more[i] = new Helper(i + 1);
                more[i].start();
            }
            helpers = more;
        }
        return helpers;
    }

    private static int bound(int n, int chunk, int chunks) {
        return (int) ((long) n * chunk / chunks);
    }

    /** A thread that runs the chunks handed to it, parked in between. */
    private static final class Helper extends Thread {
        private volatile Runnable task;
        private volatile boolean parked;

        Helper(int index) {
            super("ssgan-loop-" + index);
            setDaemon(true);
        }

        void hand(Runnable chunk) {
            task = chunk;
            // the helper announces parking before its last look at task: either it sees the chunk or we see it parked
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable chunk = task;
                if (chunk == null) {
                    parked = true;
                    while ((chunk = task) == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
                task = null;
                chunk.run();
            }
        }
    }
}
