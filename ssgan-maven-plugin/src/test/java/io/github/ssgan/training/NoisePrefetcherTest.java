package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class NoisePrefetcherTest {
    private static NoiseTape tape() {
        return new NoiseTape().recordUniform(DataType.FLOAT, 2, 3).recordGaussian(DataType.FLOAT, 4, 5, 0.5);
    }

    @Test
    void drawsAheadInTurnTheNumbersDrawingOnDemandGives() {
        NoiseTape[] tapes = {tape(), tape()};
        SplittableRandom ahead = new SplittableRandom(5);
        SplittableRandom onDemand = new SplittableRandom(5);
        NoiseTape reference = tape();
        try (NoisePrefetcher prefetcher = new NoisePrefetcher(tapes, t -> t.fill(ahead), 5)) {
            for (int it = 0; it < 5; it++) {
                NoiseTape draws = prefetcher.next();
                reference.fill(onDemand);
                assertThat(draws).isSameAs(tapes[it % 2]);
                assertThat(draws.uniform(2, 3)).isEqualTo(reference.uniform(2, 3));
                assertThat(draws.gaussian(DataType.FLOAT, 4, 5, 0.5)).isEqualTo(reference.gaussian(DataType.FLOAT, 4, 5, 0.5));
            }
            assertThatThrownBy(prefetcher::next).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("all 5 iterations");
        }
        // nothing was drawn beyond the last iteration
        SplittableRandom check = new SplittableRandom(5);
        for (int it = 0; it < 5; it++) {
            tape().fill(check);
        }
        assertThat(ahead.nextLong()).isEqualTo(check.nextLong());
    }

    @Test
    void aFailedDrawFailsTheIterationThatNeedsIt() {
        NoiseTape[] tapes = {tape(), tape()};
        try (NoisePrefetcher prefetcher = new NoisePrefetcher(tapes, t -> {
            throw new ArithmeticException("broken generator");
        }, 2)) {
            assertThatThrownBy(prefetcher::next).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("broken generator");
        }
    }

    /** Not ahead: each iteration's draws are made when it asks, on its own thread, in order. */
    @Test
    void withoutDrawingAheadEachIterationDrawsWhenItAsks() {
        NoiseTape[] tapes = {tape(), tape()};
        SplittableRandom now = new SplittableRandom(5);
        SplittableRandom onDemand = new SplittableRandom(5);
        NoiseTape reference = tape();
        Thread caller = Thread.currentThread();
        try (NoisePrefetcher prefetcher = new NoisePrefetcher(tapes, t -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            t.fill(now);
        }, 3, false)) {
            for (int it = 0; it < 3; it++) {
                NoiseTape draws = prefetcher.next();
                reference.fill(onDemand);
                assertThat(draws).isSameAs(tapes[it % 2]);
                assertThat(draws.uniform(2, 3)).isEqualTo(reference.uniform(2, 3));
                assertThat(draws.gaussian(DataType.FLOAT, 4, 5, 0.5)).isEqualTo(reference.gaussian(DataType.FLOAT, 4, 5, 0.5));
            }
            assertThatThrownBy(prefetcher::next).isInstanceOf(IllegalStateException.class);
        }
        // nothing was drawn beyond the last iteration
        SplittableRandom check = new SplittableRandom(5);
        for (int it = 0; it < 3; it++) {
            tape().fill(check);
        }
        assertThat(now.nextLong()).isEqualTo(check.nextLong());
        assertThat(AlgorithmVersion.V2.drawsNoiseAhead()).isTrue();
        assertThat(AlgorithmVersion.V3.drawsNoiseAhead()).isFalse();
    }
}
