package io.github.ssgan.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/** Seeded, class-stratified selection of rows. */
public final class Stratified {
    private Stratified() {
    }

    /**
     * Picks {@code countForClass(c)} rows of each class c by a seeded permutation of that class's rows.
     * Returns row indices in ascending order, so the result does not depend on iteration order elsewhere.
     */
    public static int[] select(int[] labels, int classes, IntUnaryOperator countForClass, long seed) {
        List<int[]> byClass = rowsByClass(labels, classes);
        SplittableRandom random = new SplittableRandom(seed);
        int[] picked = new int[0];
        for (int c = 0; c < classes; c++) {
            int[] rows = byClass.get(c);
            int k = countForClass.applyAsInt(c);
            if (k > rows.length) {
                throw new IllegalArgumentException("class " + c + " has only " + rows.length + " rows, " + k + " requested");
            }
            Shuffle.shuffle(rows, random);
            int start = picked.length;
            picked = Arrays.copyOf(picked, start + k);
            System.arraycopy(rows, 0, picked, start, k);
        }
        Arrays.sort(picked);
        return picked;
    }

    /**
     * Exactly {@code total} rows, split between classes in proportion to their sizes (largest remainder), for the
     * quick-run limits.
     */
    public static int[] proportional(int[] labels, int classes, int total, long seed) {
        int[] counts = counts(labels, classes);
        int n = labels.length;
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) total * counts[c] / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        Integer[] order = new Integer[classes];
        for (int c = 0; c < classes; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]) != 0
                ? Double.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int i = 0; assigned < total; i++, assigned++) {
            quota[order[i % classes]]++;
        }
        return select(labels, classes, c -> quota[c], seed);
    }

    public static int[] counts(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static List<int[]> rowsByClass(int[] labels, int classes) {
        int[] counts = counts(labels, classes);
        List<int[]> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            rows.add(new int[counts[c]]);
        }
        int[] fill = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            rows.get(labels[i])[fill[labels[i]]++] = i;
        }
        return rows;
    }
}
