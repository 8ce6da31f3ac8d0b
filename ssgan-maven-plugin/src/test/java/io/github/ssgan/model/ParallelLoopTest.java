package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelLoopTest {
    @Test
    void everyIndexIsVisitedExactlyOnceWhateverTheThreadCount() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            for (int n : new int[] {0, 1, 7, 16_384, 100_003}) {
                AtomicIntegerArray visits = new AtomicIntegerArray(n);
                ParallelLoop.runOn(threads, n, 64, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertThat(visits.get(i)).as("index %d of %d with %d threads", i, n, threads).isEqualTo(1);
                }
            }
        }
    }

    /** Too little work per chunk: the caller's thread does it all. */
    @Test
    void smallLoopsStayOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        java.util.List<Thread> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        ParallelLoop.runOn(4, 1000, 1, (from, to) -> ran.add(Thread.currentThread()));
        assertThat(ran).containsExactly(caller);
        ran.clear();
        ParallelLoop.runOn(4, 1000, 1024, (from, to) -> ran.add(Thread.currentThread()));
        assertThat(ran).hasSize(4).contains(caller);
    }

    /** A second caller while the helpers are busy runs its loop alone, and both complete. */
    @Test
    void concurrentCallersBothComplete() throws Exception {
        AtomicIntegerArray visits = new AtomicIntegerArray(2 * 50_000);
        Thread other = new Thread(() -> {
            for (int k = 0; k < 200; k++) {
                ParallelLoop.runOn(2, 50_000, 64, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits.incrementAndGet(50_000 + i);
                    }
                });
            }
        });
        other.start();
        for (int k = 0; k < 200; k++) {
            ParallelLoop.runOn(2, 50_000, 64, (from, to) -> {
                for (int i = from; i < to; i++) {
                    visits.incrementAndGet(i);
                }
            });
        }
        other.join();
        for (int i = 0; i < visits.length(); i++) {
            assertThat(visits.get(i)).isEqualTo(200);
        }
    }

    @Test
    void aFailureInAnotherThreadsChunkReachesTheCaller() {
        assertThatThrownBy(() -> ParallelLoop.runOn(2, 100_000, 64, (from, to) -> {
            if (from > 0) {
                throw new IllegalArgumentException("chunk from " + from);
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk from 50000");
    }
}
