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
 */
final class NoisePrefetcher implements AutoCloseable {
    private final NoiseTape[] tapes;
    private final Consumer<NoiseTape> draw;
    private final int iterations;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ssgan-noise");
        t.setDaemon(true);
        return t;
    });
    private Future<?> drawn;
    private int next;

    /** Starts drawing the first of {@code iterations} iterations' noise into {@code tapes[0]}. */
    NoisePrefetcher(NoiseTape[] tapes, Consumer<NoiseTape> draw, int iterations) {
        this.tapes = tapes;
        this.draw = draw;
        this.iterations = iterations;
        drawn = submit(tapes[0]);
    }

    /** The next iteration's draws, once drawn; starts drawing the following iteration's into the other tape. */
    NoiseTape next() {
        if (next >= iterations) {
            throw new IllegalStateException("all " + iterations + " iterations' noise has been taken");
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
