package io.github.ssgan.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.storage.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The split of a suite into shards: deterministic, complete, disjoint, balanced by cost. */
class ShardAssignmentTest {
    private static ExperimentSpec experiment(String id, int epochs, long... seeds) {
        return new ExperimentSpec(id, 0.1, null, epochs, LongStream.of(seeds).boxed().toList(), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0);
    }

    private static SuiteSpec suite(int trainLimit, boolean baseline, Shard shard, ExperimentSpec... experiments) {
        return new SuiteSpec(List.of(experiments), trainLimit, 0, 10, 2, Path.of("/out"), baseline, false, shard);
    }

    /** Experiments that differ in epochs, so that counting runs and weighing them differ. */
    private static SuiteSpec uneven(boolean baseline, Shard shard) {
        return suite(0, baseline, shard, experiment("long", 300, 1, 2, 3), experiment("mid", 100, 1, 2, 3, 4),
                experiment("short", 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    }

    private static List<List<RunSpec>> all(SuiteSpec suite, int count) {
        List<List<RunSpec>> shards = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            SuiteSpec sharded = new SuiteSpec(suite.experiments(), suite.trainLimit(), suite.testLimit(),
                    suite.sampleEvery(), suite.threads(), suite.outputDirectory(), suite.supervisedBaseline(), false,
                    new Shard(i, count));
            shards.add(sharded.shardRuns());
        }
        return shards;
    }

    @Test
    void everyRunIsInExactlyOneShardWithItsBaseline() {
        for (int count = 1; count <= 7; count++) {
            SuiteSpec suite = uneven(true, Shard.ALL);
            List<List<RunSpec>> shards = all(suite, count);
            List<RunSpec> union = shards.stream().flatMap(List::stream).toList();
            assertThat(union).as("%d shards", count).hasSameSizeAs(suite.runs())
                    .containsExactlyInAnyOrderElementsOf(suite.runs());
            for (List<RunSpec> shard : shards) {
                for (RunSpec run : shard) {
                    RunSpec partner = run.supervised()
                            ? new RunSpec(run.experiment(), run.seed(), run.trainLimit(), run.testLimit(), run.sampleEvery(),
                                    false, run.threads())
                            : run.baseline();
                    assertThat(shard).as("%s goes with its partner", run.id()).contains(partner);
                }
                // in the suite's order: each GAN run directly followed by its baseline
                assertThat(shard).isEqualTo(suite.runs().stream().filter(shard::contains).toList());
            }
        }
    }

    @Test
    void oneOfOneIsEverything() {
        SuiteSpec suite = uneven(true, new Shard(1, 1));
        assertThat(suite.shardRuns()).isEqualTo(suite.runs());
        assertThat(suite.shardAssignment().runs(Shard.ALL)).isEqualTo(suite.runs());
        assertThat(uneven(false, null).shard()).isEqualTo(Shard.ALL);
    }

    @Test
    void balancedByCostNotByCount() {
        SuiteSpec suite = uneven(false, Shard.ALL);
        long largest = suite.runs().stream().mapToLong(ShardAssignment::unitCost).max().orElseThrow();
        for (int count = 1; count <= 8; count++) {
            ShardAssignment a = ShardAssignment.of(suite, count);
            long[] costs = new long[count];
            for (int i = 1; i <= count; i++) {
                costs[i - 1] = a.shardCost(new Shard(i, count));
                long summed = a.runs(new Shard(i, count)).stream().mapToLong(ShardAssignment::unitCost).sum();
                assertThat(costs[i - 1]).isEqualTo(summed);
            }
            long max = LongStream.of(costs).max().orElseThrow();
            long min = LongStream.of(costs).min().orElseThrow();
            assertThat(max).as("%d shards: %s", count, java.util.Arrays.toString(costs)).isLessThanOrEqualTo(min + largest);
            assertThat(LongStream.of(costs).sum()).isEqualTo(a.totalCost());
        }
        // 3 shards: the three 300-epoch runs go one to each, the rest fills up behind them
        ShardAssignment three = ShardAssignment.of(suite, 3);
        for (int i = 1; i <= 3; i++) {
            assertThat(three.runs(new Shard(i, 3)).stream().filter(r -> r.experiment().id().equals("long")))
                    .as("shard %d", i).hasSize(1);
        }
    }

    @Test
    void costIsEpochsTimesTrainingImages() {
        RunSpec all = new RunSpec(experiment("e", 3, 1), 1, 0, 0, 10);
        RunSpec limited = new RunSpec(experiment("e", 3, 1), 1, 600, 0, 10);
        assertThat(ShardAssignment.unitCost(all)).isEqualTo(3L * 60_000);
        assertThat(ShardAssignment.unitCost(limited)).isEqualTo(3L * 600);
        assertThat(ShardAssignment.unitCost(limited.baseline())).isEqualTo(ShardAssignment.unitCost(limited));
    }

    @Test
    void theSameSuiteGivesTheSameAssignmentWhateverElseDiffers() {
        // every machine computes the split on its own: it may depend on the grid only, not on threads or directories
        Random random = new Random(7);
        List<ExperimentSpec> experiments = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            experiments.add(experiment("e" + e, 1 + random.nextInt(50), 1, 2, 3));
        }
        SuiteSpec here = new SuiteSpec(experiments, 0, 0, 10, 2, Path.of("a"), false, false, new Shard(2, 4));
        SuiteSpec there = new SuiteSpec(experiments, 0, 0, 5, 16, Path.of("/elsewhere/b"), false, true, new Shard(2, 4));
        assertThat(here.shardRuns()).extracting(RunSpec::id).isNotEmpty()
                .isEqualTo(there.shardRuns().stream().map(RunSpec::id).toList());

        Map<String, Integer> first = new HashMap<>();
        ShardAssignment a = ShardAssignment.of(here, 4);
        here.runs().forEach(r -> first.put(r.id(), a.shardOf(r)));
        for (int repeat = 0; repeat < 3; repeat++) {
            ShardAssignment again = ShardAssignment.of(here, 4);
            here.runs().forEach(r -> assertThat(again.shardOf(r)).isEqualTo(first.get(r.id())));
        }
    }

    @Test
    void tiesGoByExperimentIdThenSeedToTheLowestShard() {
        // four equal runs over two shards: a/1 → 1, a/2 → 2, b/1 → 1, b/2 → 2 (the IT relies on nothing more)
        SuiteSpec suite = suite(600, false, new Shard(1, 2), experiment("b", 2, 1, 2), experiment("a", 2, 1, 2));
        assertThat(suite.shardRuns()).extracting(RunSpec::id).containsExactly("b/seed-1", "a/seed-1");
    }

    @Test
    void moreShardsThanRunsLeavesSomeEmpty() {
        SuiteSpec suite = suite(600, false, new Shard(3, 3), experiment("a", 2, 1, 2));
        assertThat(suite.shardRuns()).isEmpty();
        assertThat(suite.shardAssignment().summary(suite.shard()))
                .isEqualTo("shard 3/3: 0 of 2 runs (none: more shards than runs), 0 % of the cost (epochs × training images)");
    }

    @Test
    void theSummarySaysWhichRunsAndWhatShareOfTheCost() {
        SuiteSpec suite = suite(600, true, new Shard(2, 2), experiment("a", 3, 1), experiment("b", 1, 1, 2));
        // a/1 costs 3, b/1 and b/2 cost 1 each: a/1 alone on shard 1, both b runs on shard 2
        assertThat(suite.shardAssignment().summary(suite.shard())).isEqualTo("shard 2/2: 4 of 6 runs (b/seed-1, "
                + "b/supervised-seed-1, b/seed-2, b/supervised-seed-2), 40 % of the cost (epochs × training images)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2/", "/4", "a/4", "2/4/1", "2-4", "2.0/4"})
    void aMalformedShardFailsNamingTheParameter(String value) {
        assertThatThrownBy(() -> Shard.parse(value, "ssgan.shard")).isInstanceOf(SpecException.class)
                .hasMessageStartingWith("ssgan.shard: ").hasMessageContaining("i/n");
    }

    @Test
    void aShardOutsideItsRangeFails() {
        assertThat(Shard.parse(" 2 / 4 ", "shard")).isEqualTo(new Shard(2, 4));
        assertThatThrownBy(() -> Shard.parse("0/4", "shard")).isInstanceOf(SpecException.class)
                .hasMessage("shard: '0/4': the shard number must be between 1 and 4 (shards count from 1)");
        assertThatThrownBy(() -> Shard.parse("5/4", "shard")).hasMessageContaining("between 1 and 4");
        assertThatThrownBy(() -> Shard.parse("1/0", "shard")).isInstanceOf(SpecException.class)
                .hasMessage("shard: '1/0': the number of shards must be at least 1");
        assertThatThrownBy(() -> Shard.parse("-1/-2", "shard")).hasMessageContaining("at least 1");
        SuiteSpec bad = suite(600, false, new Shard(3, 2), experiment("a", 2, 1));
        assertThatThrownBy(bad::validate).isInstanceOf(SpecException.class).hasMessageStartingWith("shard: ");
    }

    @Test
    void suiteJsonSaysTheShardAndOlderOnesWithoutMeanAll() throws Exception {
        SuiteSpec suite = suite(600, false, new Shard(2, 4), experiment("a", 2, 1));
        String json = Json.MAPPER.writeValueAsString(suite);
        assertThat(json).contains("\"shard\" : \"2/4\"");
        assertThat(Json.MAPPER.readValue(json, SuiteSpec.class)).isEqualTo(suite);

        String older = json.replaceAll(",\\s*\"shard\" : \"2/4\"", "");
        assertThat(older).doesNotContain("shard");
        assertThat(Json.MAPPER.readValue(older, SuiteSpec.class).shard()).isEqualTo(Shard.ALL);

        // written before runs side by side: one at a time, the whole shard
        SuiteSpec part = suite.withPart(new Shard(2, 3));
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(part), SuiteSpec.class)).isEqualTo(part);
        String beforeParallel = json.replaceAll(",\\s*\"parallelRuns\" : 1", "").replaceAll(",\\s*\"part\" : \"1/1\"", "");
        assertThat(beforeParallel).doesNotContain("parallelRuns").doesNotContain("part\"");
        SuiteSpec read = Json.MAPPER.readValue(beforeParallel, SuiteSpec.class);
        assertThat(read.parallelRuns()).isEqualTo(1);
        assertThat(read.part()).isEqualTo(Shard.ALL);
        assertThat(read).isEqualTo(suite);
    }

    /**
     * Forced, the training JVMs side by side split a shard again, as shards split the suite: disjoint, whole, in
     * order.
     */
    @Test
    void forcedPartsSplitTheShardAsShardsSplitTheSuite() {
        SuiteSpec suite = new SuiteSpec(List.of(experiment("a", 3, 1, 2, 3, 4), experiment("b", 2, 1, 2, 3, 4, 5)), 0, 0, 1, 1,
                Path.of("out"), true, true, new Shard(1, 2), 3, Shard.ALL);
        List<RunSpec> shard = suite.shardRuns();
        List<RunSpec> union = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Shard p = new Shard(i, 3);
            List<RunSpec> part = suite.withPart(p).partAssignment().runs(p);
            assertThat(part).as("part %d", i).isNotEmpty();
            assertThat(part).isEqualTo(shard.stream().filter(part::contains).toList());
            for (RunSpec run : part) {
                assertThat(part).contains(run.supervised()
                        ? new RunSpec(run.experiment(), run.seed(), run.trainLimit(), run.testLimit(), run.sampleEvery(),
                                false, run.threads())
                        : run.baseline());
            }
            union.addAll(part);
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(shard);
    }

    /** The order in which the training JVMs side by side take runs: the greedy's, each baseline after its GAN run. */
    @Test
    void inCostOrderIsTheOrderTheGreedyDealsUnitsEachBaselineAfterItsRun() {
        SuiteSpec suite = suite(0, true, Shard.ALL, experiment("short", 10, 2, 1), experiment("long", 300, 1),
                experiment("mid", 100, 3, 1));
        assertThat(ShardAssignment.inCostOrder(suite.runs())).extracting(RunSpec::id).containsExactly(
                "long/seed-1", "long/supervised-seed-1", "mid/seed-1", "mid/supervised-seed-1", "mid/seed-3",
                "mid/supervised-seed-3", "short/seed-1", "short/supervised-seed-1", "short/seed-2",
                "short/supervised-seed-2");
        // a shard's runs, without baselines
        SuiteSpec second = suite(0, false, new Shard(2, 2), experiment("short", 10, 2, 1), experiment("long", 300, 1),
                experiment("mid", 100, 3, 1));
        assertThat(ShardAssignment.inCostOrder(second.shardRuns())).extracting(RunSpec::id)
                .containsExactly("mid/seed-1", "mid/seed-3", "short/seed-1", "short/seed-2");
        assertThat(ShardAssignment.unitCount(suite.runs())).isEqualTo(5);
    }
}
