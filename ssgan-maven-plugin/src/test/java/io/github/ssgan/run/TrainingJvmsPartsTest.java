package io.github.ssgan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.SuiteSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many training JVMs side by side a suite gets: as many as parallelRuns, no more than GAN runs left to train. */
class TrainingJvmsPartsTest {
    private static final Map<String, String> SHA = UpToDateScenario.SHA;

    @TempDir
    Path tmp;

    /** Four equal GAN runs with their baselines, two JVMs side by side. */
    private SuiteSpec suite(int parallelRuns, boolean force) {
        ExperimentSpec e = new ExperimentSpec("e", 0.1, null, 2, List.of(1L, 2L, 3L, 4L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0);
        return new SuiteSpec(List.of(e), 600, 300, 1, 1, tmp, true, force, Shard.ALL, parallelRuns, Shard.ALL);
    }

    private static List<Shard> parts(SuiteSpec suite) {
        return TrainingJvms.parts(suite, SHA).stream().map(SuiteSpec::part).toList();
    }

    private void finish(RunSpec run) throws IOException {
        UpToDateScenario.finish(tmp, run, SHA, 2, 0.8);
    }

    @Test
    void everyJvmIsGivenTheWholeShardAndNamedByItsPart() {
        List<SuiteSpec> parts = TrainingJvms.parts(suite(2, false), SHA);
        assertThat(parts).extracting(SuiteSpec::part).containsExactly(new Shard(1, 2), new Shard(2, 2));
        assertThat(parts).allSatisfy(p -> assertThat(p.shardRuns()).isEqualTo(suite(2, false).shardRuns()));
        assertThat(parts(suite(1, false))).containsExactly(Shard.ALL);
        assertThat(parts(suite(9, false))).as("no more JVMs than GAN runs").hasSize(4);
    }

    /**
     * A resumed grid whose finished runs are those a fixed split gave the first JVM: the runs left still get two
     * JVMs; one GAN run left (with its baseline, or its baseline alone) gets one.
     */
    @Test
    void theJvmsFollowTheRunsLeftNotAFixedShare() throws IOException {
        SuiteSpec suite = suite(2, false);
        List<RunSpec> runs = suite.runs(); // e/seed-1, its baseline, e/seed-2, …
        // what a static split into two gave the first JVM: seeds 1 and 3
        for (int i : new int[] {0, 1, 4, 5}) {
            finish(runs.get(i));
        }
        assertThat(parts(suite)).containsExactly(new Shard(1, 2), new Shard(2, 2));

        finish(runs.get(2)); // seed 2 itself, not its baseline: a unit left all the same
        assertThat(parts(suite)).containsExactly(new Shard(1, 2), new Shard(2, 2));

        finish(runs.get(3));
        assertThat(parts(suite)).as("one GAN run left").containsExactly(Shard.ALL);
        assertThat(parts(suite(2, true))).as("forced, all are left").containsExactly(new Shard(1, 2), new Shard(2, 2));
    }
}
