package io.github.ssgan.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which shard trains which run of a suite. The unit is a GAN run together with its supervised baseline, so that
 * both land on one machine; it costs epochs × training images (the baseline adds a fraction, the same for every
 * unit, so it is left out). Assignment is longest-processing-time-first: the units sorted by (cost descending,
 * experiment id, seed), each given to the shard with the least cost so far, the lowest shard number on a tie.
 *
 * <p>By cost rather than by count because experiments differ in epochs and limits: dealing 3 runs of 300 epochs and
 * 3 of 10 round-robin can leave one machine with all the long ones. The greedy keeps every shard within one unit of
 * the others (max shard cost ≤ min shard cost + the largest unit's), and since it depends on the suite alone, every
 * shard computes the same assignment on its own machine without talking to the others. Which shard ran a run never
 * changes its numbers: the shard is not part of the configHash.
 */
public final class ShardAssignment {
    /** The training set a {@code trainLimit} of 0 means. */
    public static final int MNIST_TRAIN_IMAGES = 60_000;

    private final List<RunSpec> runs;
    private final int count;
    private final Map<String, Integer> shardOfUnit;
    private final long[] costs;

    private ShardAssignment(List<RunSpec> runs, int count, Map<String, Integer> shardOfUnit, long[] costs) {
        this.runs = runs;
        this.count = count;
        this.shardOfUnit = shardOfUnit;
        this.costs = costs;
    }

    /** Splits the suite's runs into {@code count} shares. */
    public static ShardAssignment of(SuiteSpec suite, int count) {
        return of(suite.runs(), count);
    }

    /**
     * Splits {@code runs} (a suite's, or one shard's: forced, the processes that train a shard side by side split it
     * again) into {@code count} shares.
     */
    public static ShardAssignment of(List<RunSpec> runs, int count) {
        if (count < 1) {
            throw new SpecException("shard", count + " shards: must be at least 1");
        }
        long[] load = new long[count];
        Map<String, Integer> shardOf = new HashMap<>();
        for (RunSpec unit : unitsLargestFirst(runs)) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            load[least] += unitCost(unit);
            shardOf.put(unitKey(unit), least + 1);
        }
        return new ShardAssignment(List.copyOf(runs), count, shardOf, load);
    }

    /** The GAN runs of {@code runs}, one per unit, in the order the greedy deals them: cost descending, id, seed. */
    private static List<RunSpec> unitsLargestFirst(List<RunSpec> runs) {
        List<RunSpec> units = new ArrayList<>(runs.stream().filter(r -> !r.supervised()).toList());
        units.sort(Comparator.comparingLong(ShardAssignment::unitCost).reversed()
                .thenComparing(r -> r.experiment().id())
                .thenComparingLong(RunSpec::seed));
        return units;
    }

    /**
     * {@code runs} (each baseline with its GAN run) in the order the greedy deals their units, largest first, each GAN
     * run followed by its baseline when {@code runs} holds it. The training JVMs side by side each take the next run
     * of this order that no other is training, so the long runs start first and the short ones fill in at the end.
     */
    public static List<RunSpec> inCostOrder(List<RunSpec> runs) {
        Map<String, List<RunSpec>> byUnit = runs.stream()
                .collect(Collectors.groupingBy(ShardAssignment::unitKey, LinkedHashMap::new, Collectors.toList()));
        List<RunSpec> ordered = new ArrayList<>();
        for (RunSpec unit : unitsLargestFirst(runs)) {
            ordered.addAll(byUnit.get(unitKey(unit)));
        }
        return ordered;
    }

    /** How many units (GAN runs, each with its baseline) {@code runs} touch. */
    public static long unitCount(List<RunSpec> runs) {
        return runs.stream().map(ShardAssignment::unitKey).distinct().count();
    }

    /** What a run (with its baseline) costs: epochs × training images (trainLimit, all 60 000 when 0). */
    public static long unitCost(RunSpec run) {
        int images = run.trainLimit() <= 0 || run.trainLimit() > MNIST_TRAIN_IMAGES ? MNIST_TRAIN_IMAGES
                : run.trainLimit();
        return (long) run.epochs() * images;
    }

    private static String unitKey(RunSpec run) {
        return run.experiment().id() + "/" + run.seed();
    }

    public int count() {
        return count;
    }

    /** The shard (1-based) that trains this run; a baseline goes where its GAN run goes. */
    public int shardOf(RunSpec run) {
        Integer shard = shardOfUnit.get(unitKey(run));
        if (shard == null) {
            throw new IllegalArgumentException(run.id() + " is not a run of this suite");
        }
        return shard;
    }

    /** The runs of one shard, in the suite's order (each GAN run followed by its baseline when those are on). */
    public List<RunSpec> runs(Shard shard) {
        check(shard);
        return runs.stream().filter(r -> shardOf(r) == shard.index()).toList();
    }

    /** The cost of one shard's units. */
    public long shardCost(Shard shard) {
        check(shard);
        return costs[shard.index() - 1];
    }

    public long totalCost() {
        long total = 0;
        for (long c : costs) {
            total += c;
        }
        return total;
    }

    /** What the log says first: {@code shard 2/3: 4 of 11 runs (…), 36 % of the cost (epochs × training images)}. */
    public String summary(Shard shard) {
        List<RunSpec> mine = runs(shard);
        long total = totalCost();
        return String.format(Locale.ROOT, "shard %s: %d of %d runs (%s), %.0f %% of the cost (epochs × training images)",
                shard, mine.size(), runs.size(),
                mine.isEmpty() ? "none: more shards than runs" : mine.stream().map(RunSpec::id).collect(Collectors.joining(", ")),
                total == 0 ? 0.0 : 100.0 * shardCost(shard) / total);
    }

    private void check(Shard shard) {
        if (shard.count() != count) {
            throw new IllegalArgumentException("shard " + shard + " of an assignment into " + count + " shards");
        }
    }
}
