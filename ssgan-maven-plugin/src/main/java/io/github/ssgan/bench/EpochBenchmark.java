package io.github.ssgan.bench;

import io.github.ssgan.data.Dataset;
import io.github.ssgan.data.MnistRepository;
import io.github.ssgan.spec.Algorithm;
import io.github.ssgan.run.SuiteRunner;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.Architecture;
import io.github.ssgan.model.Gemm;
import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.training.StepTimings;
import io.github.ssgan.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times one full-MNIST epoch (or {@code --iterations N}) of the real training loop and prints one BENCH line:
 * seconds per epoch (extrapolated to a whole epoch when fewer iterations ran), achieved GFLOP/s, the sgemm peak at 2048³
 * measured in the same process (the better of {@code Nd4j.gemm} and the direct {@code cblas_sgemm}), peak RSS and
 * threads, plus where the time went.
 * Usage: {@code bench/epoch [--iterations N] [--threads T] [--data DIR] [--algorithm ID] [--supervised]};
 * {@code --supervised} times the run's supervised baseline instead (the same loop on L_sup alone).
 */
public final class EpochBenchmark {
    private EpochBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        Path dataDir = null;
        Algorithm algorithm = Algorithm.LATEST;
        boolean supervised = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--data" -> dataDir = Path.of(args[++i]);
                case "--algorithm" -> algorithm = Algorithm.parse(args[++i], "--algorithm");
                case "--supervised" -> supervised = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: bench/epoch [--iterations N] [--threads T] [--data DIR] [--algorithm ID] [--supervised]");
            }
        }
        SuiteRunner.configureThreads(threads);
        Dataset data = new MnistRepository(dataDir, MnistRepository.defaultCacheDirectory(),
                MnistRepository.downloadSources(), System.err::println).load();
        // the best of both ways to the BLAS, so the ratio cannot improve by measuring the peak worse
        double nd4jPeak = Gemm.ND4J.peakGflops(2048, 6);
        double directPeak = Gemm.DIRECT.peakGflops(2048, 6);
        double peak = Math.max(nd4jPeak, directPeak);

        ExperimentSpec spec = new ExperimentSpec("bench", 0.1, null, 1, List.of(1L), 100, 0.003,
                GeneratorLoss.FEATURE_MATCHING, 1.0, ExperimentSpec.DEFAULT_AVERAGING_DECAY, algorithm);
        RunSpec run = supervised ? new RunSpec(spec, 1L, 0, 0, 1).baseline() : new RunSpec(spec, 1L, 0, 0, 1);
        Trainer trainer = new Trainer(run, data);
        trainer.trainEpoch(5, null); // warm-up: JIT, native allocations
        Trainer measured = new Trainer(run, data);
        StepTimings t = new StepTimings();
        Gemm.resetTally();
        EpochMetrics m = measured.trainEpoch(iterations, t);
        long gemmNanos = Gemm.tallyNanos();
        double gemmFlops = Gemm.tallyFlops();
        int ran = iterations > 0 ? Math.min(iterations, measured.iterationsPerEpoch()) : measured.iterationsPerEpoch();
        double trainSeconds = (t.data + t.discriminator + t.generator) / 1e9;
        double perEpoch = trainSeconds * measured.iterationsPerEpoch() / ran + t.evaluation / 1e9;
        // the baseline does a fifth of the GAN's products per iteration: its rate comes from the tally, not the formula
        double gflops = supervised ? gemmFlops / trainSeconds / 1e9
                : flopsPerIteration(Trainer.architectureFor(data.train()), 100) * ran / trainSeconds / 1e9;
        System.out.printf(Locale.ROOT,
                "BENCH seconds_per_epoch=%.2f iterations=%d gflops=%.1f sgemm_peak_gflops=%.1f peak_rss_mb=%d threads=%d algorithm=%s%s%n",
                perEpoch, ran, gflops, peak, peakRssMb(), threads, algorithm.id, supervised ? " objective=supervised" : "");
        double total = t.total();
        System.out.printf(Locale.ROOT,
                "  D step %.1f%%  G step %.1f%%  evaluation %.1f%% (%.2f s for %d test images)  data and waiting for noise %.1f%%%n",
                100 * t.discriminator / total, 100 * t.generator / total, 100 * t.evaluation / total,
                t.evaluation / 1e9, data.test().size(), 100 * t.data / total);
        // what bounds the achieved GFLOP/s: how fast the products themselves run, and how much time is spent outside them
        System.out.printf(Locale.ROOT,
                "  matrix products %.1f%% of the time at %.1f GFLOP/s (%.0f%% of the sgemm peak)  everything else %.1f%%%n",
                100 * gemmNanos / total, gemmFlops / gemmNanos, 100 * gemmFlops / gemmNanos / peak,
                100 * (total - gemmNanos) / total);
        System.out.printf(Locale.ROOT, "  2048³ sgemm peak: Nd4j.gemm %.1f GFLOP/s, direct cblas_sgemm %.1f GFLOP/s%n",
                nd4jPeak, directPeak);
        System.out.printf(Locale.ROOT, "  after %d iterations: test accuracy %.2f%%%n", ran, 100 * m.testAccuracy());
        // full digits: an optimisation that keeps these is numerically invisible (seed 1, labeledFraction 0.1)
        System.out.printf(Locale.ROOT, "  losses: labeled %.17g  unlabeled %.17g  generator %.17g%n",
                m.lossLabeled(), m.lossUnlabeled(), m.lossGenerator());
    }

    /** Multiply-adds ×2 of one iteration: D step on 3B rows (forward, weight and input gradients) and G step. */
    static double flopsPerIteration(Architecture arch, int batch) {
        double d = 0;
        double dFirst = 0;
        int in = arch.inputSize();
        for (int size : arch.discriminatorHidden()) {
            dFirst = dFirst == 0 ? (double) in * size : dFirst;
            d += (double) in * size;
            in = size;
        }
        d += (double) in * arch.classes();
        double g = 0;
        double gFirst = 0;
        in = arch.noiseSize();
        for (int size : arch.generatorHidden()) {
            gFirst = gFirst == 0 ? (double) in * size : gFirst;
            g += (double) in * size;
            in = size;
        }
        g += (double) in * arch.inputSize();
        double dStep = 2 * 3 * batch * (d + d + (d - dFirst)) + 2 * batch * g;
        double gStep = 2 * 2 * batch * d + 2 * batch * d + 2 * batch * (g + g + (g - gFirst));
        return dStep + gStep;
    }

    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return -1;
    }
}
