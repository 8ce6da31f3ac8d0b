package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class EpochScheduleTest {
    private static final int[] LABELED = {1, 4, 7};

    @Test
    void anEpochDependsOnlyOnTheSeedAndItsNumber() {
        EpochSchedule uninterrupted = new EpochSchedule(7, 20, LABELED, 4);
        Random trained = uninterrupted.newNd4jRandom();
        trained.nextLong();
        uninterrupted.epoch(1, 5, trained);
        EpochSchedule.Epoch second = uninterrupted.epoch(2, 5, trained);
        // a run resumed after epoch 1: a new schedule and a generator in another state
        Random resumed = Nd4j.getRandomFactory().getNewRandomInstance(99);
        EpochSchedule.Epoch again = new EpochSchedule(7, 20, LABELED, 4).epoch(2, 5, resumed);

        assertThat(again.labeled()).containsExactly(second.labeled());
        assertThat(again.unlabeled()).containsExactly(second.unlabeled());
        assertThat(again.generator()).containsExactly(second.generator());
        assertThat(again.stream().nextLong()).isEqualTo(second.stream().nextLong());
        assertThat(resumed.nextLong()).isEqualTo(trained.nextLong());

        EpochSchedule.Epoch third = uninterrupted.epoch(3, 5, trained);
        assertThat(third.unlabeled()).isNotEqualTo(second.unlabeled());
        assertThat(new EpochSchedule(8, 20, LABELED, 4).epoch(2, 5, resumed).unlabeled()).isNotEqualTo(second.unlabeled());
    }

    @Test
    void batchesTakeShuffledRowsAndTheLabeledOnesInFreshRounds() {
        EpochSchedule.Epoch e = new EpochSchedule(7, 20, LABELED, 4).epoch(1, 2, Nd4j.getRandomFactory().getNewRandomInstance(1));

        assertThat(e.unlabeled()).containsExactlyInAnyOrder(IntStream.range(0, 20).toArray());
        assertThat(e.generator()).containsExactlyInAnyOrder(IntStream.range(0, 20).toArray());
        assertThat(e.generator()).isNotEqualTo(e.unlabeled());
        // 2 iterations of 4: every labeled row once per round of 3, the last round cut short
        assertThat(e.labeled()).hasSize(8);
        assertThat(Arrays.copyOfRange(e.labeled(), 0, 3)).containsExactlyInAnyOrder(LABELED);
        assertThat(Arrays.copyOfRange(e.labeled(), 3, 6)).containsExactlyInAnyOrder(LABELED);
        assertThat(LABELED).contains(Arrays.copyOfRange(e.labeled(), 6, 8));
        assertThat(Arrays.copyOfRange(e.labeled(), 6, 8)).doesNotHaveDuplicates();

        int[] rows = e.discriminatorRows(1);
        assertThat(Arrays.copyOfRange(rows, 0, 4)).containsExactly(Arrays.copyOfRange(e.labeled(), 4, 8));
        assertThat(Arrays.copyOfRange(rows, 4, 8)).containsExactly(Arrays.copyOfRange(e.unlabeled(), 4, 8));
        assertThat(e.generatorRows(1)).containsExactly(Arrays.copyOfRange(e.generator(), 4, 8));
    }

    @Test
    void theInitialisationSeesAPrefixOfOneShuffle() {
        EpochSchedule schedule = new EpochSchedule(7, 20, LABELED, 4);
        int[] rows = schedule.initialisationRows(5);

        assertThat(rows).hasSize(5).doesNotHaveDuplicates().containsExactly(schedule.initialisationRows(5));
        assertThat(schedule.initialisationRows(500)).hasSize(20).startsWith(rows);
    }
}
