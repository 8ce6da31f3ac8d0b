package io.github.ssgan.spec;

import io.github.ssgan.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run: an experiment at one seed, with the quick-run data limits and the compute threads. Everything in it except
 * {@code epochs} and {@code sampleEvery} changes the numbers of every epoch, so it goes into {@link #configHash}; epochs
 * only decides where training stops, so a run extended from 100 to 300 epochs resumes instead of starting over. The
 * thread count changes the BLAS's digits; it is hashed for the algorithm versions that say so
 * ({@link Algorithm#hashesThreads()}), so that every result of an earlier version keeps its hash.
 *
 * @param threads the compute threads the run trains with
 */
public record RunSpec(ExperimentSpec experiment, long seed, int trainLimit, int testLimit, int sampleEvery,
                      boolean supervised, int threads) {
    /** A GAN run on one compute thread: the experiment itself. */
    public RunSpec(ExperimentSpec experiment, long seed, int trainLimit, int testLimit, int sampleEvery) {
        this(experiment, seed, trainLimit, testLimit, sampleEvery, false, 1);
    }

    /** The supervised baseline of this run: the same discriminator, labels, noise and iterations, on L_sup alone. */
    public RunSpec baseline() {
        return new RunSpec(experiment, seed, trainLimit, testLimit, sampleEvery, true, threads);
    }

    /** This run on {@code count} compute threads. */
    public RunSpec withThreads(int count) {
        return new RunSpec(experiment, seed, trainLimit, testLimit, sampleEvery, supervised, count);
    }

    public String id() {
        return experiment.id() + (supervised ? "/supervised-seed-" : "/seed-") + seed;
    }

    public int epochs() {
        return experiment.epochs();
    }

    /** The settings that determine the numbers, in a stable order: what configHash is computed from. */
    public Map<String, Object> hashedSettings(Map<String, String> datasetSha256) {
        Map<String, Object> m = new TreeMap<>();
        m.put("algorithm", experiment.algorithm().id);
        m.put("architecture", Architecture.mnist().describe());
        m.put("labeledFraction", experiment.labeledFraction());
        m.put("labelsPerClass", experiment.labelsPerClass());
        m.put("batchSize", experiment.batchSize());
        m.put("learningRate", experiment.learningRate());
        m.put("generatorLoss", experiment.generatorLoss().id);
        m.put("unlabeledWeight", experiment.unlabeledWeight());
        if (experiment.averagingDecay() != ExperimentSpec.DEFAULT_AVERAGING_DECAY) {
            // hashed only when set otherwise, so results made before the setting existed keep their hash
            m.put("averagingDecay", experiment.averagingDecay());
        }
        if (!supervised) {
            // likewise each training technique only when switched on; a baseline trains without them
            m.putAll(experiment.techniques().hashed());
        }
        if (supervised) {
            // set only for baselines, so every GAN run keeps the configHash it had before baselines existed
            m.put("objective", SUPERVISED);
        }
        if (experiment.algorithm().hashesThreads()) {
            // only for the versions that hash it: the results of earlier versions keep their hashes
            m.put("threads", threads);
        }
        m.put("seed", seed);
        m.put("trainLimit", trainLimit);
        m.put("testLimit", testLimit);
        m.put("dataset", new TreeMap<>(datasetSha256));
        return m;
    }

    /** The value of the hashed "objective" of a supervised baseline run. */
    public static final String SUPERVISED = "supervised";

    /** The averaging decay a run's hashed settings (a result's config) stand for: absent means the default. */
    public static double averagingDecay(Map<String, Object> hashedSettings) {
        Object recorded = hashedSettings == null ? null : hashedSettings.get("averagingDecay");
        return recorded instanceof Number n ? n.doubleValue() : ExperimentSpec.DEFAULT_AVERAGING_DECAY;
    }

    public String configHash(Map<String, String> datasetSha256) {
        return Sha256.of(hashedSettings(datasetSha256).toString().getBytes(StandardCharsets.UTF_8));
    }
}
