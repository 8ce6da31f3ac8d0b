package io.github.ssgan.training;

import io.github.ssgan.data.Dataset;
import io.github.ssgan.data.LabeledImages;
import io.github.ssgan.model.Discriminator;
import io.github.ssgan.model.Generator;
import io.github.ssgan.model.Losses;
import io.github.ssgan.model.MinibatchDiscrimination;
import io.github.ssgan.model.Numerics;
import io.github.ssgan.results.Confusion;
import io.github.ssgan.results.EpochMetrics;
import io.github.ssgan.spec.Architecture;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorNormalization;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.Techniques;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training loop of one run. Each iteration: one discriminator step on a labeled, an unlabeled and a generated
 * batch stacked into one pass, then one generator step on another unlabeled batch. Adam (β1 0.5) for both nets;
 * the classifier evaluated after each epoch is an exponential moving average of D's weights.
 *
 * <p>Its parts: the {@link AlgorithmVersion} (kernel set and losses, initialisation, {@link Optimizer}, noise source), the
 * {@link EpochSchedule} (seeds and shuffles, so a resumed run continues exactly), the {@link NoisePrefetcher}
 * (the next iteration's draws on a second thread) and the {@link Evaluator}.
 */
public final class Trainer {
    public static final int SAMPLE_ROWS = 100;
    /** Training images the data-dependent initialisation of D sees. */
    static final int INIT_ROWS = 500;
    /** σ of minibatch discrimination's initial T ~ N(0, σ²), as the paper's code draws its θ. */
    static final double MINIBATCH_INITIAL_STD = 0.05;
    private static final String STEP_WORKSPACE = "ssgan-step";

    private final RunSpec spec;
    private final ExperimentSpec experiment;
    private final LabeledImages train;
    private final LabeledImages test;
    private final int labeledCount;
    private final int batch;
    private final int iterationsPerEpoch;
    /** A supervised baseline run: D on L_sup alone, no generator step. */
    private final boolean supervised;
    private final AlgorithmVersion version;
    private final EpochSchedule schedule;

    private final Discriminator discriminator;
    private final Discriminator averaged;
    private final Generator generator;
    private final Optimizer discriminatorAdam;
    private final Optimizer generatorAdam;
    private final Losses losses;
    private final Evaluator evaluator;
    /** θ̄ of historical averaging, or null without it (and in a supervised baseline, which no technique touches). */
    private final HistoricalAveraging historicalAveraging;
    /** ND4J's generator: the initialisation, and the noise of versions that draw it with ND4J. */
    private final Random random;
    private final INDArray sampleNoise;
    /** Two iterations' worth of random draws: one in use, the other being drawn by the noise thread. */
    private final NoiseTape[] noise = new NoiseTape[2];
    private int completedEpochs;
    /** The averaged classifier's confusion on the test set after the last epoch trained here. */
    private Confusion confusion;

    /** A freshly initialised run; {@link #restore} continues a checkpointed one. */
    public Trainer(RunSpec spec, Dataset data) {
        this.spec = spec;
        this.experiment = spec.experiment();
        this.train = data.train();
        this.test = data.test();
        this.batch = experiment.batchSize();
        int[] labeledRows = LabeledSubset.checkFits(experiment, train, spec.seed());
        this.labeledCount = labeledRows.length;
        this.iterationsPerEpoch = train.size() / batch;
        this.supervised = spec.supervised();
        this.version = AlgorithmVersion.of(experiment.algorithm());
        this.schedule = new EpochSchedule(spec.seed(), train.size(), labeledRows, batch);

        Architecture arch = architectureFor(train);
        DataType type = DataType.FLOAT;
        Numerics numerics = version.numerics();
        MinibatchDiscrimination.Shape minibatch = minibatchDiscrimination(experiment, supervised);
        // T sits in D's flat vectors, so Adam, the weight average and the checkpoint take it as any other parameter
        discriminator = new Discriminator(arch, minibatch, Discriminator.newParameterVector(arch, minibatch, type),
                Discriminator.newParameterVector(arch, minibatch, type), numerics);
        averaged = new Discriminator(arch, minibatch, Discriminator.newParameterVector(arch, minibatch, type), null, numerics);
        boolean virtualBatchNorm = !supervised
                && experiment.techniques().generatorNormalization() == GeneratorNormalization.VIRTUAL;
        generator = new Generator(arch, Generator.newParameterVector(arch, type), Generator.newParameterVector(arch, type), numerics,
                virtualBatchNorm);
        losses = numerics.losses();
        discriminatorAdam = version.adam(discriminator.parameters(), experiment.learningRate());
        generatorAdam = version.adam(generator.parameters(), experiment.learningRate());
        evaluator = new Evaluator(averaged);

        random = schedule.newNd4jRandom();
        discriminator.initialise(train.images().getRows(schedule.initialisationRows(INIT_ROWS)), random,
                version.initialDirectionStd());
        generator.initialise(random);
        sampleNoise = generator.sampleNoise(SAMPLE_ROWS, random);
        if (virtualBatchNorm) {
            // drawn last from the seed's initialisation stream: a resumed run, constructed anew, draws it again
            generator.setReferenceNoise(generator.sampleNoise(batch, random));
        }
        averaged.parameters().assign(discriminator.parameters());
        double lambda = experiment.techniques().historicalAveraging();
        historicalAveraging = lambda == 0 || supervised ? null : new HistoricalAveraging(lambda, discriminator.parameters());
        for (int i = 0; i < noise.length; i++) {
            noise[i] = iterationNoise(arch, type, batch);
        }
    }

    /** The draws of one iteration, in the order the steps make them: D step (3B rows), then G step (2B rows). */
    private static NoiseTape iterationNoise(Architecture arch, DataType type, int batch) {
        NoiseTape tape = new NoiseTape();
        for (int rows : new int[] {3 * batch, 2 * batch}) {
            tape.recordUniform(type, batch, arch.noiseSize());
            tape.recordGaussian(type, rows, arch.inputSize(), arch.inputNoise());
            for (int size : arch.discriminatorHidden()) {
                tape.recordGaussian(type, rows, size, arch.hiddenNoise());
            }
        }
        return tape;
    }

    /**
     * Minibatch discrimination's shape when the experiment sets kernels (not for a supervised baseline): segments of
     * one batch, so that the stacked labeled, unlabeled and generated batches are each compared with themselves.
     */
    private static MinibatchDiscrimination.Shape minibatchDiscrimination(ExperimentSpec experiment, boolean supervised) {
        Techniques t = experiment.techniques();
        return supervised || t.minibatchKernels() == 0 ? null : new MinibatchDiscrimination.Shape(t.minibatchKernels(),
                t.minibatchKernelDimension(), experiment.batchSize(), MINIBATCH_INITIAL_STD);
    }

    /** Input size and number of classes from the data, the paper's layer sizes and noise otherwise. */
    public static Architecture architectureFor(LabeledImages train) {
        Architecture m = Architecture.mnist();
        return new Architecture(train.pixels(), m.discriminatorHidden(), Math.max(train.classes(), 2), m.inputNoise(),
                m.hiddenNoise(), m.noiseSize(), m.generatorHidden());
    }

    public int labeledCount() {
        return labeledCount;
    }

    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    public int completedEpochs() {
        return completedEpochs;
    }

    /** Loss sums over an epoch. */
    private static final class Accumulator {
        double labeled;
        double unlabeled;
        double generator;
        long correct;
        long seen;
        int iterations;
    }

    /**
     * Trains epoch {@code completedEpochs + 1} (at most {@code iterationLimit} iterations; 0 = all) and evaluates.
     *
     * @throws TrainingDivergedException on a non-finite loss, before the state is counted as a completed epoch
     */
    public EpochMetrics trainEpoch(int iterationLimit, StepTimings timings) {
        long start = System.nanoTime();
        int epoch = completedEpochs + 1;
        int iterations = iterationLimit > 0 ? Math.min(iterationLimit, iterationsPerEpoch) : iterationsPerEpoch;
        EpochSchedule.Epoch order = schedule.epoch(epoch, iterations, random);

        Accumulator acc = new Accumulator();
        try (NoisePrefetcher prefetcher = new NoisePrefetcher(noise, version.noise(random, order.stream()), iterations,
                version.drawsNoiseAhead())) {
            for (int it = 0; it < iterations; it++) {
                long t0 = System.nanoTime();
                NoiseTape draws = prefetcher.next();
                trainIteration(epoch, it, order, draws, acc, timings, t0);
            }
        }
        long t4 = System.nanoTime();
        confusion = evaluator.confusion(test);
        double testAccuracy = confusion.accuracy();
        if (timings != null) {
            timings.evaluation += System.nanoTime() - t4;
        }
        completedEpochs = epoch;
        double n = acc.iterations;
        return new EpochMetrics(epoch, acc.labeled / n, acc.unlabeled / n, acc.generator / n,
                (double) acc.correct / acc.seen, testAccuracy, (System.nanoTime() - start) / 1e9);
    }

    /** One D step and one G step; t0 is when the iteration started waiting for its noise (counted as data time). */
    private void trainIteration(int epoch, int it, EpochSchedule.Epoch order, NoiseTape draws, Accumulator acc,
                                StepTimings timings, long t0) {
        int iteration = (epoch - 1) * iterationsPerEpoch + it;
        long t1;
        long t2;
        long t3;
        try (MemoryWorkspace ws = Workspaces.open(STEP_WORKSPACE)) {
            // D's input: rows 0..B labeled, B..2B unlabeled, 2B..3B generated (filled in the step), one pass;
            // a supervised baseline takes the labeled rows only
            int[] realRows = order.discriminatorRows(it);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = train.labels()[realRows[i]];
            }
            INDArray discriminatorInput = Nd4j.createUninitialized(train.images().dataType(),
                    (supervised ? 1L : 3L) * batch, train.pixels());
            train.copyInto(supervised ? Arrays.copyOf(realRows, batch) : realRows, discriminatorInput, 0);
            INDArray generatorInput = null;
            if (!supervised) {
                // G step's D input: rows 0..B another unlabeled batch, B..2B generated
                generatorInput = Nd4j.createUninitialized(train.images().dataType(), 2L * batch, train.pixels());
                train.copyInto(order.generatorRows(it), generatorInput, 0);
            }
            t1 = System.nanoTime();
            if (supervised) {
                supervisedStep(discriminatorInput, labels, draws, iteration, acc);
            } else {
                discriminatorStep(discriminatorInput, labels, draws, iteration, acc);
            }
            t2 = System.nanoTime();
            if (!supervised) {
                generatorStep(generatorInput, draws, iteration, acc);
            }
            t3 = System.nanoTime();
        }
        acc.iterations++;
        if (!Double.isFinite(acc.labeled) || !Double.isFinite(acc.unlabeled) || !Double.isFinite(acc.generator)) {
            throw new TrainingDivergedException(String.format(
                    "run %s diverged at epoch %d, iteration %d: loss_labeled=%s loss_unlabeled=%s loss_generator=%s",
                    spec.id(), epoch, it + 1, acc.labeled, acc.unlabeled, acc.generator));
        }
        if (timings != null) {
            timings.data += t1 - t0;
            timings.discriminator += t2 - t1;
            timings.generator += t3 - t2;
        }
    }

    /**
     * The baseline's step: L_sup on the labeled batch alone, with the noise the GAN run's labeled rows get (the first
     * B rows of each of the D step's draws) and the same optimizer and weight average. The generator's draws are
     * skipped, not left out of the tape, so both runs read the same random stream. No training technique applies
     * (nor is any hashed for it): the baseline stays D on L_sup alone.
     */
    private void supervisedStep(INDArray labeled, int[] labels, NoiseTape draws, int iteration, Accumulator acc) {
        draws.uniform(batch, generator.architecture().noiseSize());
        INDArray logits = discriminator.forward(labeled, draws.leadingRows(3L * batch, batch));
        Losses.Step sup = losses.supervised(logits, labels);
        discriminator.backward(sup.dLogits(), null, 0, batch, true, false);
        double decay = Math.min(experiment.averagingDecay(), (1.0 + iteration) / (10.0 + iteration));
        discriminatorAdam.step(discriminator.parameters(), discriminator.gradients(), iteration, averaged.parameters(), decay);
        acc.labeled += sup.labeled();
        acc.correct += sup.correct();
        acc.seen += labels.length;
    }

    private void discriminatorStep(INDArray input, int[] labels, NoiseTape draws, int iteration, Accumulator acc) {
        input.get(rows(2 * batch, 3 * batch)).assign(generator.forward(draws.uniform(batch, generator.architecture().noiseSize())));
        INDArray logits = discriminator.forward(input, draws);
        Losses.Step loss = losses.discriminator(logits, labels, batch, experiment.unlabeledWeight(), experiment.techniques());
        discriminator.backward(loss.dLogits(), null, 0, 3 * batch, true, false);
        if (historicalAveraging != null) {
            historicalAveraging.addGradient(discriminator.parameters(), discriminator.gradients());
        }
        // EMA with the usual warm-up, so early epochs are not dominated by the random initialisation
        double decay = Math.min(experiment.averagingDecay(), (1.0 + iteration) / (10.0 + iteration));
        discriminatorAdam.step(discriminator.parameters(), discriminator.gradients(), iteration, averaged.parameters(), decay);
        if (historicalAveraging != null) {
            historicalAveraging.include(discriminator.parameters(), iteration + 1L);
        }

        acc.labeled += loss.labeled();
        acc.unlabeled += loss.unlabeled();
        acc.correct += loss.correct();
        acc.seen += labels.length;
    }

    private void generatorStep(INDArray input, NoiseTape draws, int iteration, Accumulator acc) {
        input.get(rows(batch, 2 * batch)).assign(generator.forward(draws.uniform(batch, generator.architecture().noiseSize())));
        INDArray logits = discriminator.forward(input, draws);
        Losses.Step loss = losses.generator(discriminator.features(), logits, batch, experiment.generatorLoss(),
                experiment.techniques());
        INDArray dImages = discriminator.backward(loss.dLogits(), loss.dFeatures(), batch, 2 * batch, false, true);
        generator.backward(dImages);
        generatorAdam.step(generator.parameters(), generator.gradients(), iteration, null, 0);
        acc.generator += loss.generator();
    }

    /** Generated images for the fixed noise batch: the same z at every epoch, so the sample sheets are comparable. */
    public INDArray samples() {
        return generator.forward(sampleNoise).dup();
    }

    /** The averaged classifier's test-set confusion: the last epoch's, or evaluated now after a restore. */
    public Confusion confusion() {
        if (confusion == null) {
            confusion = evaluator.confusion(test);
        }
        return confusion;
    }

    /** The averaged classifier (what is evaluated and exported). */
    public Discriminator classifier() {
        return averaged;
    }

    public TrainingState state() {
        return new TrainingState(completedEpochs, discriminator.parameters(), discriminatorAdam.state(),
                averaged.parameters(), generator.parameters(), generatorAdam.state(),
                historicalAveraging == null ? null : historicalAveraging.mean());
    }

    public void restore(TrainingState s) {
        discriminator.parameters().assign(s.discriminator());
        discriminatorAdam.state().assign(s.discriminatorAdam());
        averaged.parameters().assign(s.averagedDiscriminator());
        generator.parameters().assign(s.generator());
        generatorAdam.state().assign(s.generatorAdam());
        if (historicalAveraging != null) {
            if (s.historicalAverage() == null) {
                throw new IllegalArgumentException("the state has no historical average for a run with historicalAveraging");
            }
            historicalAveraging.restore(s.historicalAverage());
        }
        completedEpochs = s.epoch();
        confusion = null; // belongs to the weights before the restore
    }

    private static INDArrayIndex[] rows(int from, int to) {
        return new INDArrayIndex[] {NDArrayIndex.interval(from, to), NDArrayIndex.all()};
    }
}
