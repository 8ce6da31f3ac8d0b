package io.github.ssgan.bench;

import io.github.ssgan.data.Mnist;
import io.github.ssgan.data.MnistRepository;
import io.github.ssgan.run.TrainingJvms;
import io.github.ssgan.spec.Algorithm;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.Shard;
import io.github.ssgan.spec.SuiteSpec;
import io.github.ssgan.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times a small grid (2 experiments × 2 seeds × 1 epoch on {@code --train-limit} training images, no baselines) as
 * ssgan:train trains it: training JVMs forked on this classpath, the grid split among them as parallelRuns splits it.
 * Once one run at a time with 2 threads ({@code parallelRuns} 1), once with the default of 1 thread per run and
 * cores ÷ 1 runs at once; one BENCH line each, with the peak RSS of each training JVM.
 * Usage: {@code bench/grid [--train-limit N] [--epochs E] [--algorithm ID] [--data DIR] [--only one|default]}.
 */
public final class GridBenchmark {
    private static final Pattern PEAK = Pattern.compile("peak RSS (\\d+) MB");

    private GridBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int trainLimit = 10_000;
        int epochs = 1;
        Algorithm algorithm = Algorithm.V3;
        Path dataDir = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--train-limit" -> trainLimit = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--algorithm" -> algorithm = Algorithm.parse(args[++i], "--algorithm");
                case "--data" -> dataDir = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: bench/grid"
                        + " [--train-limit N] [--epochs E] [--algorithm ID] [--data DIR] [--only one|default]");
            }
        }
        Path data = new MnistRepository(dataDir, MnistRepository.defaultCacheDirectory(),
                MnistRepository.downloadSources(), System.err::println).locate();
        int cores = Runtime.getRuntime().availableProcessors();
        List<ExperimentSpec> grid = new ArrayList<>();
        for (String[] e : new String[][] {{"labeled-10pct", "0.1"}, {"labeled-100pct", "1.0"}}) {
            grid.add(new ExperimentSpec(e[0], Double.parseDouble(e[1]), null, epochs, List.of(1L, 2L), 100, 0.003,
                    GeneratorLoss.FEATURE_MATCHING, 1.0, null, algorithm));
        }
        if (only == null || only.equals("one")) {
            time(grid, trainLimit, 2, 1, data);
        }
        if (only == null || only.equals("default")) {
            time(grid, trainLimit, 1, Math.max(1, cores), data);
        }
    }

    private static void time(List<ExperimentSpec> grid, int trainLimit, int threads, int parallelRuns, Path data)
            throws IOException, InterruptedException {
        // a fresh directory holds no finished run, so nothing is forced and the JVMs take the runs in turn, as
        // ssgan:train's do
        Path out = Files.createTempDirectory("ssgan-grid-");
        SuiteSpec suite = new SuiteSpec(grid, trainLimit, 0, 1, threads, out, false, false, Shard.ALL, parallelRuns,
                Shard.ALL);
        List<SuiteSpec> parts = TrainingJvms.parts(suite, Mnist.pinnedSha256());
        List<Path> specs = new ArrayList<>();
        for (SuiteSpec part : parts) {
            Path spec = out.resolve("part-" + (specs.size() + 1) + ".json");
            Json.MAPPER.writeValue(spec.toFile(), part);
            specs.add(spec);
        }
        List<Long> peaks = new CopyOnWriteArrayList<>();
        TrainingJvms jvms = new TrainingJvms(List.of("-Xmx768m"), System.getProperty("java.class.path"),
                new TrainingJvms.Output() {
                    @Override
                    public void info(String message) {
                        Matcher m = PEAK.matcher(message);
                        if (m.find()) {
                            peaks.add(Long.parseLong(m.group(1)));
                        }
                        System.err.println(message);
                    }

                    @Override
                    public void warn(String message) {
                        System.err.println("WARN " + message);
                    }

                    @Override
                    public void error(String message) {
                        System.err.println("FAIL " + message);
                    }

                    @Override
                    public void debug(String message) {
                    }
                });
        long t0 = System.nanoTime();
        List<TrainingJvms.Exit> exits = jvms.run(specs, data);
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (TrainingJvms.Exit exit : exits) {
            if (!exit.ok()) {
                throw new IllegalStateException("a training JVM exited with code " + exit.code() + ": " + exit.failure());
            }
        }
        System.out.printf(Locale.ROOT,
                "BENCH grid runs=%d epochs=%d train_limit=%d parallel_runs=%d threads=%d seconds=%.1f peak_rss_mb=%s algorithm=%s%n",
                suite.runs().size(), grid.get(0).epochs(), trainLimit, parts.size(), threads, seconds, peaks,
                grid.get(0).algorithm().id);
    }
}
