package io.github.ssgan.training;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Draws iteration it+1's noise on a second thread while iteration it trains, into two tapes used in turn. One thread,
 * so the draws keep their order and the numbers are those of drawing on demand. One per epoch; closing it waits for
 * a draw in flight, so that nothing touches the random generator or the tapes afterwards.
 *
 * <p>Or, for a version that does not draw ahead ({@link AlgorithmVersion#drawsNoiseAhead()}), each iteration's draws
 * are made when it asks for them, by the compute threads: the second thread competed with the BLAS's own threads for
 * the cores (the first product of an iteration, 100×100×500, took 1.45 ms instead of 0.12 on 2 threads), and a run
 * then used more cores than its thread count says, which runs side by side pay for.
 */
final class NoisePrefetcher implements AutoCloseable {
    private final NoiseTape[] tapes;
    private final Consumer<NoiseTape> draw;
    private final int iterations;
    private final ExecutorService thread;
    private Future<?> drawn;
    private int next;

    /** Starts drawing the first of {@code iterations} iterations' noise into {@code tapes[0]}. */
    NoisePrefetcher(NoiseTape[] tapes, Consumer<NoiseTape> draw, int iterations) {
        this(tapes, draw, iterations, true);
    }

    /** @param ahead draw on a second thread ahead of time; otherwise on the caller's when asked */
    NoisePrefetcher(NoiseTape[] tapes, Consumer<NoiseTape> draw, int iterations, boolean ahead) {
        this.tapes = tapes;
        this.draw = draw;
        this.iterations = iterations;
        this.thread = ahead ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ssgan-noise");
            t.setDaemon(true);
            return t;
        }) : null;
        drawn = ahead ? submit(tapes[0]) : null;
    }

    /** The next iteration's draws, once drawn; starts drawing the following iteration's into the other tape. */
    NoiseTape next() {
        if (next >= iterations) {
            throw new IllegalStateException("all " + iterations + " iterations' noise has been taken");
        }
        if (thread == null) {
            NoiseTape draws = tapes[next % tapes.length];
            next++;
            draw.accept(draws);
            return draws;
        }
        await(drawn);
        NoiseTape draws = tapes[next % tapes.length];
        next++;
        // the other tape was used by the previous iteration, which is done
        drawn = next < iterations ? submit(tapes[next % tapes.length]) : null;
        return draws;
    }

    private Future<?> submit(NoiseTape tape) {
        return thread.submit(() -> draw.accept(tape));
    }

    private static void await(Future<?> drawn) {
        try {
            drawn.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing noise", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("drawing noise failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // a draw in flight finishes in milliseconds
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
