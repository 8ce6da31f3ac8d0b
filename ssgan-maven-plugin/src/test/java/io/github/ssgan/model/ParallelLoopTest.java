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
                ParallelLoop.run(threads, n, 1, (from, to) -> {
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

    @Test
    void aFailureInAnotherThreadsChunkReachesTheCaller() {
        assertThatThrownBy(() -> ParallelLoop.run(2, 100_000, 1, (from, to) -> {
            if (from > 0) {
                throw new IllegalArgumentException("chunk from " + from);
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk from 50000");
    }
}
