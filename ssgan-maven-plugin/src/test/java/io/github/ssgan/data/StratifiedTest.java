package io.github.ssgan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedTest {
    /** 10 rows of class 0, 20 of class 1, 5 of class 2, interleaved. */
    private static final int[] LABELS = labels();

    private static int[] labels() {
        int[] counts = {10, 20, 5};
        int[] left = counts.clone();
        int[] labels = new int[35];
        int i = 0;
        while (i < labels.length) {
            for (int c = 0; c < counts.length; c++) {
                if (left[c] > 0) {
                    labels[i++] = c;
                    left[c]--;
                }
            }
        }
        return labels;
    }

    private static int[] classCounts(int[] rows) {
        int[] counts = new int[3];
        for (int r : rows) {
            counts[LABELS[r]]++;
        }
        return counts;
    }

    @Test
    void countsPerClass() {
        assertThat(Stratified.counts(LABELS, 3)).containsExactly(10, 20, 5);
    }

    @Test
    void selectingEveryRowOfEachClassTakesEveryRow() {
        int[] counts = Stratified.counts(LABELS, 3);
        assertThat(Stratified.select(LABELS, 3, c -> counts[c], 7)).containsExactly(IntStream.range(0, 35).toArray());
    }

    @Test
    void selectTakesTheRequestedCountOfEachClass() {
        int[] rows = Stratified.select(LABELS, 3, c -> c == 2 ? 5 : 4, 1);

        assertThat(classCounts(rows)).containsExactly(4, 4, 5);
        assertThat(rows).doesNotHaveDuplicates().isSorted();
        assertThat(IntStream.of(rows).allMatch(r -> r >= 0 && r < 35)).isTrue();
    }

    @Test
    void sameSeedSameRows() {
        assertThat(Stratified.select(LABELS, 3, c -> 3, 123)).containsExactly(Stratified.select(LABELS, 3, c -> 3, 123));
        assertThat(Stratified.select(LABELS, 3, c -> c + 1, 9)).containsExactly(Stratified.select(LABELS, 3, c -> c + 1, 9));
    }

    @Test
    void differentSeedsPickDifferentRows() {
        int[] a = Stratified.select(LABELS, 3, c -> 3, 1);
        int[] b = Stratified.select(LABELS, 3, c -> 3, 2);

        assertThat(b).isNotEqualTo(a);
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            distinct.add(Arrays.toString(Stratified.select(LABELS, 3, c -> 3, seed)));
        }
        assertThat(distinct).hasSizeGreaterThan(5);
    }

    @Test
    void proportionalReturnsExactlyTheTotalInClassProportions() {
        // 7/35 of (10, 20, 5) = (2, 4, 1) exactly
        int[] rows = Stratified.proportional(LABELS, 3, 7, 5);
        assertThat(rows).hasSize(7).doesNotHaveDuplicates().isSorted();
        assertThat(classCounts(rows)).containsExactly(2, 4, 1);
    }

    @Test
    void proportionalGivesLeftoversToTheLargestRemainders() {
        // 10/35 of (10, 20, 5) = (2.86, 5.71, 1.43): floors (2, 5, 1), two left over go to classes 0 and 1
        int[] rows = Stratified.proportional(LABELS, 3, 10, 5);

        assertThat(rows).hasSize(10).doesNotHaveDuplicates();
        assertThat(classCounts(rows)).containsExactly(3, 6, 1);
    }

    @Test
    void proportionalHitsEveryTotalExactly() {
        for (int total = 1; total <= 35; total++) {
            int[] rows = Stratified.proportional(LABELS, 3, total, total);
            assertThat(rows).as("total %d", total).hasSize(total).doesNotHaveDuplicates();
            int[] counts = classCounts(rows);
            for (int c = 0; c < 3; c++) {
                double exact = total * Stratified.counts(LABELS, 3)[c] / 35.0;
                assertThat((double) counts[c]).as("total %d class %d", total, c).isBetween(Math.floor(exact), Math.ceil(exact));
            }
        }
    }

    @Test
    void requestingMoreThanAClassHasFails() {
        assertThatThrownBy(() -> Stratified.select(LABELS, 3, c -> 6, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 2 has only 5 rows, 6 requested");
    }
}
