package io.github.ssgan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.SuiteSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpToDateCheckTest {
    private static final Map<String, String> SHA = UpToDateScenario.SHA;

    @TempDir
    Path tmp;

    @Test
    void whenEveryRunIsUpToDateItLogsWhatTheTrainingJvmWould() throws IOException {
        List<String> log = UpToDateScenario.run(tmp);

        SuiteSpec suite = UpToDateScenario.suite(tmp, false);
        String hash = suite.runs().get(0).configHash(SHA).substring(0, 12);
        assertThat(log.get(0)).isEqualTo("upToDate=true");
        assertThat(log.get(1)).isEqualTo("[labeled-10pct/seed-1] up to date (configHash " + hash
                + ", 2 epochs, test accuracy 81.00%); -Dssgan.force=true reruns it");
        assertThat(log.get(2)).startsWith("[labeled-10pct/seed-2] up to date").contains("test accuracy 83.00%");
        assertThat(log.get(3)).startsWith("[labels-10/seed-1] up to date").contains("test accuracy 85.00%");
        assertThat(log.get(4)).startsWith("experiment").contains("test accuracy (mean ± std)");
        // no supervised baseline in this scenario: its column says so
        assertThat(log.get(5)).matches("labeled-10pct +60 +2 +1,2 +82\\.00 % ± 1\\.41 +–");
        assertThat(log.get(6)).matches("labels-10 +10 +2 +1 +85\\.00 % \\(1 seed\\) +–");
        assertThat(log).hasSize(7);
    }

    @Test
    void oneRunThatMustTrainMeansTheTrainingJvmRunsAndNothingIsLogged() throws IOException {
        SuiteSpec suite = UpToDateScenario.suite(tmp, false);
        List<RunSpec> runs = suite.runs();
        UpToDateScenario.finish(tmp, runs.get(0), SHA, 2, 0.8);
        UpToDateScenario.finish(tmp, runs.get(1), SHA, 2, 0.8);

        // the third has no result
        assertThat(UpToDateScenario.check(suite, SHA)).containsExactly("upToDate=false");
        // a result for fewer epochs (the run will resume)
        UpToDateScenario.finish(tmp, runs.get(2), SHA, 1, 0.8);
        assertThat(UpToDateScenario.check(suite, SHA)).containsExactly("upToDate=false");
        // a result made with other data (or any other setting): another configHash
        UpToDateScenario.finish(tmp, runs.get(2), Map.of("train-images-idx3-ubyte", "other"), 2, 0.8);
        assertThat(UpToDateScenario.check(suite, SHA)).containsExactly("upToDate=false");

        UpToDateScenario.finish(tmp, runs.get(2), SHA, 2, 0.8);
        assertThat(UpToDateScenario.check(suite, SHA).get(0)).isEqualTo("upToDate=true");
        assertThat(UpToDateScenario.check(UpToDateScenario.suite(tmp, true), SHA)).as("force").containsExactly("upToDate=false");
    }

    @Test
    void aShardLooksOnlyAtItsOwnRunsAndSaysWhichTheyAre() throws IOException {
        SuiteSpec whole = UpToDateScenario.suite(tmp, false);
        SuiteSpec second = new SuiteSpec(whole.experiments(), whole.trainLimit(), whole.testLimit(),
                whole.sampleEvery(), whole.threads(), tmp, false, false, new Shard(2, 2));
        // equal costs: labeled-10pct/seed-1 and labels-10/seed-1 on shard 1, labeled-10pct/seed-2 on shard 2
        assertThat(second.shardRuns()).extracting(RunSpec::id).containsExactly("labeled-10pct/seed-2");
        assertThat(UpToDateScenario.check(second, SHA)).containsExactly("upToDate=false");

        UpToDateScenario.finish(tmp, whole.runs().get(1), SHA, 2, 0.8);
        // the runs of shard 1 have no result, yet shard 2 has nothing to train
        List<String> log = UpToDateScenario.check(second, SHA);
        assertThat(log.get(0)).isEqualTo("upToDate=true");
        assertThat(log.get(1)).isEqualTo("shard 2/2: 1 of 3 runs (labeled-10pct/seed-2), 33 % of the cost (epochs × "
                + "training images)");
        assertThat(log.get(2)).startsWith("[labeled-10pct/seed-2] up to date");
        assertThat(log).noneMatch(line -> line.contains("seed-1]"));
        assertThat(UpToDateScenario.check(whole, SHA)).containsExactly("upToDate=false");
    }

    /** A class loader that remembers every class it was asked to find (all but the JDK's). */
    private static final class RecordingLoader extends URLClassLoader {
        final Set<String> asked = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            asked.add(name);
            return super.findClass(name);
        }
    }

    /**
     * The point of deciding in Maven's JVM is not loading ND4J (7 s, 0.8 GB): run the scenario in a fresh class
     * loader that can see ND4J, DL4J and JavaCPP, and check that nothing from them was even asked for.
     */
    @Test
    void decidingLoadsNoNd4j() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String name : List.of("io.github.ssgan.run.UpToDateCheck", "io.github.ssgan.run.UpToDateScenario",
                "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.annotation.JsonProperty", "org.jfree.chart.JFreeChart",
                "org.apache.commons.math3.distribution.TDistribution", "org.nd4j.linalg.factory.Nd4j",
                "org.nd4j.linalg.cpu.nativecpu.CpuBackend", "org.bytedeco.javacpp.Loader",
                "org.deeplearning4j.nn.multilayer.MultiLayerNetwork")) {
            URL location = Class.forName(name, false, getClass().getClassLoader()).getProtectionDomain().getCodeSource().getLocation();
            if (!urls.contains(location)) {
                urls.add(location);
            }
        }
        try (RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new))) {
            Class<?> isolated = loader.loadClass(UpToDateScenario.class.getName());
            assertThat(isolated.getClassLoader()).isSameAs(loader);
            @SuppressWarnings("unchecked")
            List<String> log = (List<String>) isolated.getMethod("run", Path.class).invoke(null, tmp);

            assertThat(log).first().isEqualTo("upToDate=true");
            assertThat(loader.asked).contains("io.github.ssgan.run.UpToDateCheck", "io.github.ssgan.results.Provenance",
                    "io.github.ssgan.results.Statistics");
            try (Stream<String> asked = loader.asked.stream()) {
                assertThat(asked.filter(n -> n.startsWith("org.nd4j.") || n.startsWith("org.bytedeco.")
                        || n.startsWith("org.deeplearning4j."))).isEmpty();
            }
        }
    }
}
