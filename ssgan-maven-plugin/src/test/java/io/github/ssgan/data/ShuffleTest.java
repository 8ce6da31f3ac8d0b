package io.github.ssgan.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShuffleTest {
    @Test
    void permutationIsASeededPermutation() {
        int[] p = Shuffle.permutation(50, new SplittableRandom(3));

        assertThat(p).containsExactlyInAnyOrder(IntStream.range(0, 50).toArray());
        assertThat(p).isNotEqualTo(IntStream.range(0, 50).toArray());
        assertThat(Shuffle.permutation(50, new SplittableRandom(3))).containsExactly(p);
        assertThat(Shuffle.permutation(50, new SplittableRandom(4))).isNotEqualTo(p);
    }
}
