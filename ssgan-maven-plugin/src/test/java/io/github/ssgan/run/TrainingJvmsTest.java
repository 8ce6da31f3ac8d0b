package io.github.ssgan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training JVMs forked side by side: each relays its protocol lines and its exit. Here each stops at once on missing
 * data (the parallel-runs IT trains real ones), which needs neither MNIST nor the native libraries.
 */
class TrainingJvmsTest {
    @TempDir
    Path tmp;

    @Test
    void eachJvmRunsItsOwnSuiteAndReportsItsExit() throws Exception {
        SuiteSpec suite = new SuiteSpec(List.of(new ExperimentSpec("e", 0.1, null, 1, List.of(1L, 2L), 50, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0)), 0, 0, 1, 1, tmp.resolve("out"), false, false, Shard.ALL, 2,
                Shard.ALL);
        List<Path> specs = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path spec = tmp.resolve("suite-" + i + ".json");
            Json.MAPPER.writeValue(spec.toFile(), suite.withPart(new Shard(i, 2)));
            specs.add(spec);
        }
        List<String> errors = new CopyOnWriteArrayList<>();
        TrainingJvms jvms = new TrainingJvms(List.of("-Xmx64m"), System.getProperty("java.class.path"),
                new TrainingJvms.Output() {
                    @Override
                    public void info(String message) {
                    }

                    @Override
                    public void warn(String message) {
                    }

                    @Override
                    public void error(String message) {
                        errors.add(message);
                    }

                    @Override
                    public void debug(String message) {
                    }
                });
        List<TrainingJvms.Exit> exits = jvms.run(specs, tmp.resolve("no-mnist-here"));
        assertThat(exits).hasSize(2).allSatisfy(exit -> {
            assertThat(exit.code()).isEqualTo(TrainMain.EXIT_BAD_INPUT);
            assertThat(exit.isFailure()).isTrue();
            assertThat(exit.failure()).contains("missing train-images-idx3-ubyte");
        });
        assertThat(errors).hasSize(2);
        assertThat(jvms.command(specs.get(0), tmp)).contains(TrainMain.class.getName(), specs.get(0).toString());
    }
}
