package io.github.ssgan.training;

import io.github.ssgan.results.EpochMetrics;

import io.github.ssgan.data.Dataset;
import io.github.ssgan.data.LabeledImages;
import io.github.ssgan.data.Stratified;
import io.github.ssgan.spec.Algorithm;
import io.github.ssgan.spec.ExperimentSpec;
import io.github.ssgan.spec.GeneratorLoss;
import io.github.ssgan.spec.RunSpec;
import io.github.ssgan.spec.SpecException;
import io.github.ssgan.spec.Architecture;
import io.github.ssgan.model.Discriminator;
import io.github.ssgan.model.Generator;
import io.github.ssgan.model.Objectives;
import io.github.ssgan.model.Reductions;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The training loop of one run. Each iteration: one discriminator step on a labeled, an unlabeled and a generated
 * batch stacked into one pass, then one generator step on another unlabeled batch. Adam (β1 0.5) for both nets;
 * the classifier evaluated after each epoch is an exponential moving average of D's weights.
 *
 * <p>Every source of randomness is re-seeded from (seed, epoch) at the start of each epoch, so an epoch's numbers
 * depend only on the state at its start: a run resumed from a checkpoint continues exactly as if uninterrupted. The
 * random draws of the next iteration are made on a second thread while the current one trains ({@link NoiseTape}).
 */
public final class Trainer {
    public static final int SAMPLE_ROWS = 100;
    static final double BETA1 = 0.5;
    static final double BETA2 = 0.999;
    /**
     * V1 (ND4J's Adam op): the paper's Adam divides by sqrt(v̂ + 1e-8); ND4J's by sqrt(v̂) + ε. ε = 1e-4 matches it
     * where it matters, for parameters with tiny gradients (1e-8 alone let the generator take full-size steps on noise
     * and collapse). Later versions use the paper's form ({@link PaperAdam}).
     */
    static final double ADAM_EPSILON = 1e-4;
    static final int INIT_ROWS = 500;
    static final int EVAL_CHUNK = 2000;
    /**
     * One arena for all temporaries of an iteration, sized in the first iteration and reused: without it, off-heap
     * allocation took as much time as the matrix products.
     */
    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.1)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();
    private static final String STEP_WORKSPACE_ID = "ssgan-step";

    private final RunSpec spec;
    private final ExperimentSpec experiment;
    private final LabeledImages train;
    private final LabeledImages test;
    private final int[] labeledRows;
    private final int batch;
    private final int iterationsPerEpoch;

    private final Discriminator discriminator;
    private final Discriminator averaged;
    private final Generator generator;
    private final INDArray discriminatorAdamState;
    private final INDArray generatorAdamState;
    private final AdamUpdater discriminatorAdam;
    private final AdamUpdater generatorAdam;
    private final Random random;
    private final Algorithm algorithm;
    private final PaperAdam paperAdam;
    private final INDArray sampleNoise;
    /** Two iterations' worth of random draws: one in use, the other being drawn by the noise thread. */
    private final NoiseTape[] noise = new NoiseTape[2];
    private int completedEpochs;

    /** A freshly initialised run; {@link #restore} continues a checkpointed one. */
    public Trainer(RunSpec spec, Dataset data) {
        this.spec = spec;
        this.experiment = spec.experiment();
        this.train = data.train();
        this.test = data.test();
        this.batch = experiment.batchSize();
        this.labeledRows = checkFits(experiment, train, spec.seed());
        this.iterationsPerEpoch = train.size() / batch;

        Architecture arch = architectureFor(train);
        DataType type = DataType.FLOAT;
        algorithm = experiment.algorithm();
        Reductions reductions = algorithm == Algorithm.V1 ? Reductions.ND4J : Reductions.ROW_ORDER;
        discriminator = new Discriminator(arch, Discriminator.newParameterVector(arch, type), Discriminator.newParameterVector(arch, type),
                reductions);
        averaged = new Discriminator(arch, Discriminator.newParameterVector(arch, type), null, reductions);
        generator = new Generator(arch, Generator.newParameterVector(arch, type), Generator.newParameterVector(arch, type), reductions);
        discriminatorAdamState = Nd4j.create(type, 1, 2 * discriminator.parameters().length());
        generatorAdamState = Nd4j.create(type, 1, 2 * generator.parameters().length());
        paperAdam = new PaperAdam(experiment.learningRate(), BETA1, BETA2);
        Adam adam = new Adam(experiment.learningRate(), BETA1, BETA2, ADAM_EPSILON);
        discriminatorAdam = new AdamUpdater(adam);
        discriminatorAdam.setStateViewArray(discriminatorAdamState, discriminator.parameters().shape(), 'c', true);
        generatorAdam = new AdamUpdater(adam);
        generatorAdam.setStateViewArray(generatorAdamState, generator.parameters().shape(), 'c', true);

        random = Nd4j.getRandomFactory().getNewRandomInstance(epochSeed(spec.seed(), 0));
        SplittableRandom javaRandom = new SplittableRandom(epochSeed(spec.seed(), 0));
        int[] initRows = Arrays.copyOf(Stratified.permutation(train.size(), javaRandom), Math.min(INIT_ROWS, train.size()));
        discriminator.initialise(train.images().getRows(initRows), random, algorithm.initialDirectionStd);
        generator.initialise(random);
        sampleNoise = generator.sampleNoise(SAMPLE_ROWS, random);
        averaged.parameters().assign(discriminator.parameters());
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

    /** Input size from the data, the paper's layer sizes otherwise. */
    public static Architecture architectureFor(LabeledImages train) {
        Architecture m = Architecture.mnist();
        return new Architecture(train.pixels(), m.discriminatorHidden(), Math.max(train.classes(), 2), m.inputNoise(),
                m.hiddenNoise(), m.noiseSize(), m.generatorHidden());
    }

    /**
     * Checks what the data decides about an experiment (batch size, labels per class) and returns its labeled rows
     * for the seed; throws {@link SpecException} naming the parameter.
     */
    public static int[] checkFits(ExperimentSpec experiment, LabeledImages train, long seed) {
        if (experiment.batchSize() > train.size()) {
            throw new SpecException("experiment '" + experiment.id() + "' batchSize",
                    experiment.batchSize() + " is larger than the " + train.size() + " training images");
        }
        return selectLabeled(experiment, train, seed);
    }

    /** Stratified labeled subset: round(f·n_c) or k images of each class c, picked by the run's seed. */
    public static int[] selectLabeled(ExperimentSpec experiment, LabeledImages train, long seed) {
        int[] counts = train.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (experiment.labelsPerClass() != null && experiment.labelsPerClass() > counts[c]) {
                throw new SpecException("experiment '" + experiment.id() + "' labelsPerClass",
                        experiment.labelsPerClass() + " is larger than class " + c + ", which has " + counts[c] + " training images");
            }
        }
        int[] rows = Stratified.select(train.labels(), train.classes(), c -> experiment.labeledCount(counts[c]), seed);
        if (rows.length == 0) {
            throw new SpecException("experiment '" + experiment.id() + "' labeledFraction",
                    experiment.labeledFraction() + " selects no labeled image of " + train.size());
        }
        return rows;
    }

    static long epochSeed(long seed, int epoch) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch).nextLong();
    }

    public int labeledCount() {
        return labeledRows.length;
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
        long seed = epochSeed(spec.seed(), epoch);
        random.setSeed(seed);
        SplittableRandom javaRandom = new SplittableRandom(seed);
        int[] unlabeledOrder = Stratified.permutation(train.size(), javaRandom);
        int[] generatorOrder = Stratified.permutation(train.size(), javaRandom);
        int iterations = iterationLimit > 0 ? Math.min(iterationLimit, iterationsPerEpoch) : iterationsPerEpoch;
        int[] labeledOrder = tiledLabeledOrder(iterations * batch, javaRandom);
        EpochOrder order = new EpochOrder(labeledOrder, unlabeledOrder, generatorOrder);
        // V1 draws the noise with ND4J's generator, later versions with a Java one split off the epoch's stream
        SplittableRandom noiseRandom = algorithm == Algorithm.V1 ? null : javaRandom.split();
        Runnable[] fill = new Runnable[noise.length];
        for (int i = 0; i < noise.length; i++) {
            NoiseTape tape = noise[i];
            fill[i] = noiseRandom == null ? () -> tape.fill(random) : () -> tape.fill(noiseRandom);
        }

        Accumulator acc = new Accumulator();
        // the noise thread draws iteration it+1's noise while iteration it runs; one thread, so the draws keep their order
        ExecutorService noiseThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ssgan-noise");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> drawn = noiseThread.submit(fill[0]);
            for (int it = 0; it < iterations; it++) {
                long t0 = System.nanoTime();
                await(drawn);
                NoiseTape draws = noise[it % 2];
                int following = it + 1;
                // the other tape was used by iteration it-1, which is done
                drawn = following < iterations ? noiseThread.submit(fill[following % 2]) : null;
                trainIteration(epoch, it, order, draws, acc, timings, t0);
            }
        } finally {
            // nothing may touch the random generator or the tapes after this method returns or throws
            noiseThread.shutdown();
            awaitTermination(noiseThread);
        }
        long t4 = System.nanoTime();
        double testAccuracy = evaluate(test);
        if (timings != null) {
            timings.evaluation += System.nanoTime() - t4;
        }
        completedEpochs = epoch;
        double n = acc.iterations;
        return new EpochMetrics(epoch, acc.labeled / n, acc.unlabeled / n, acc.generator / n,
                (double) acc.correct / acc.seen, testAccuracy, (System.nanoTime() - start) / 1e9);
    }

    /** The epoch's shuffles: which rows each iteration's batches take. */
    private record EpochOrder(int[] labeled, int[] unlabeled, int[] generator) {
    }

    /** One D step and one G step; t0 is when the iteration started waiting for its noise (counted as data time). */
    private void trainIteration(int epoch, int it, EpochOrder order, NoiseTape draws, Accumulator acc, StepTimings timings,
                                long t0) {
        int iteration = (epoch - 1) * iterationsPerEpoch + it;
        long t1;
        long t2;
        long t3;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, STEP_WORKSPACE_ID)) {
            // D's input: rows 0..B labeled, B..2B unlabeled, 2B..3B generated (filled in the step), one pass
            int[] realRows = new int[2 * batch];
            System.arraycopy(order.labeled(), it * batch, realRows, 0, batch);
            System.arraycopy(order.unlabeled(), it * batch, realRows, batch, batch);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = train.labels()[realRows[i]];
            }
            INDArray discriminatorInput = Nd4j.createUninitialized(train.images().dataType(), 3L * batch, train.pixels());
            train.copyInto(realRows, discriminatorInput, 0);
            // G step's D input: rows 0..B another unlabeled batch, B..2B generated
            INDArray generatorInput = Nd4j.createUninitialized(train.images().dataType(), 2L * batch, train.pixels());
            train.copyInto(Arrays.copyOfRange(order.generator(), it * batch, (it + 1) * batch), generatorInput, 0);
            t1 = System.nanoTime();
            discriminatorStep(discriminatorInput, labels, draws, iteration, epoch, acc);
            t2 = System.nanoTime();
            generatorStep(generatorInput, draws, iteration, epoch, acc);
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

    private static void await(Future<?> drawn) {
        try {
            drawn.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing noise", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("drawing noise failed: " + e.getCause(), e.getCause());
        }
    }

    private static void awaitTermination(ExecutorService thread) {
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // a draw in flight finishes in milliseconds
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void discriminatorStep(INDArray input, int[] labels, NoiseTape draws, int iteration, int epoch, Accumulator acc) {
        input.get(rows(2 * batch, 3 * batch)).assign(generator.forward(draws.uniform(batch, generator.architecture().noiseSize())));
        INDArray logits = discriminator.forward(input, draws);
        INDArray labLogits = logits.get(rows(0, batch));
        Objectives.Loss sup = Objectives.supervised(labLogits, labels);
        Objectives.Loss uns = Objectives.unsupervised(logits.get(rows(batch, 2 * batch)), logits.get(rows(2 * batch, 3 * batch)));
        double w = experiment.unlabeledWeight();
        INDArray dLogits = Nd4j.vstack(sup.gradient(), uns.gradient().muli(w), uns.secondGradient().muli(w));
        discriminator.backward(dLogits, null, 0, 3 * batch, true, false);
        // EMA with the usual warm-up, so early epochs are not dominated by the random initialisation
        double decay = Math.min(experiment.averagingDecay(), (1.0 + iteration) / (10.0 + iteration));
        INDArray average = averaged.parameters();
        if (algorithm == Algorithm.V1) {
            INDArray update = discriminator.gradients();
            discriminatorAdam.applyUpdater(update, iteration, epoch);
            discriminator.parameters().subi(update);
            average.muli(decay);
            Nd4j.getBlasWrapper().level1().axpy(average.length(), 1.0 - decay, discriminator.parameters(), average);
        } else {
            paperAdam.step(discriminator.parameters(), discriminator.gradients(), discriminatorAdamState, iteration, average, decay);
        }

        acc.labeled += sup.value();
        acc.unlabeled += uns.value();
        int[] predicted = labLogits.argMax(1).toIntVector();
        for (int i = 0; i < labels.length; i++) {
            acc.correct += predicted[i] == labels[i] ? 1 : 0;
        }
        acc.seen += labels.length;
    }

    private void generatorStep(INDArray input, NoiseTape draws, int iteration, int epoch, Accumulator acc) {
        input.get(rows(batch, 2 * batch)).assign(generator.forward(draws.uniform(batch, generator.architecture().noiseSize())));
        INDArray logits = discriminator.forward(input, draws);
        INDArray features = discriminator.features();
        Objectives.Loss fm = Objectives.featureMatching(features.get(rows(0, batch)), features.get(rows(batch, 2 * batch)));
        double loss = fm.value();
        INDArray dLogits = null;
        if (experiment.generatorLoss() == GeneratorLoss.COMBINED) {
            Objectives.Loss ns = Objectives.nonSaturating(logits.get(rows(batch, 2 * batch)));
            loss += ns.value();
            dLogits = ns.gradient();
        }
        INDArray dImages = discriminator.backward(dLogits, fm.gradient(), batch, 2 * batch, false, true);
        generator.backward(dImages);
        if (algorithm == Algorithm.V1) {
            INDArray update = generator.gradients();
            generatorAdam.applyUpdater(update, iteration, epoch);
            generator.parameters().subi(update);
        } else {
            paperAdam.step(generator.parameters(), generator.gradients(), generatorAdamState, iteration, null, 0);
        }
        acc.generator += loss;
    }

    /** The labeled rows, re-permuted and tiled until there are {@code length} of them. */
    private int[] tiledLabeledOrder(int length, SplittableRandom javaRandom) {
        int[] order = new int[length];
        for (int filled = 0; filled < length; ) {
            int[] perm = Stratified.permutation(labeledRows.length, javaRandom);
            for (int i = 0; i < perm.length && filled < length; i++) {
                order[filled++] = labeledRows[perm[i]];
            }
        }
        return order;
    }

    /** Accuracy of the averaged classifier, without noise. */
    public double evaluate(LabeledImages data) {
        long correct = 0;
        for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
            int to = Math.min(data.size(), from + EVAL_CHUNK);
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, "ssgan-eval")) {
                INDArray x = data.size() <= EVAL_CHUNK ? data.images() : data.images().get(rows(from, to));
                int[] predicted = averaged.forward(x, null).argMax(1).toIntVector();
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == data.labels()[from + i] ? 1 : 0;
                }
            }
        }
        return (double) correct / data.size();
    }

    /** Generated images for the fixed noise batch: the same z at every epoch, so the sample sheets are comparable. */
    public INDArray samples() {
        return generator.forward(sampleNoise).dup();
    }

    /** The averaged classifier (what is evaluated and exported). */
    public Discriminator classifier() {
        return averaged;
    }

    public TrainingState state() {
        return new TrainingState(completedEpochs, discriminator.parameters(), discriminatorAdamState,
                averaged.parameters(), generator.parameters(), generatorAdamState);
    }

    public void restore(TrainingState s) {
        discriminator.parameters().assign(s.discriminator());
        discriminatorAdamState.assign(s.discriminatorAdam());
        averaged.parameters().assign(s.averagedDiscriminator());
        generator.parameters().assign(s.generator());
        generatorAdamState.assign(s.generatorAdam());
        completedEpochs = s.epoch();
    }

    private static INDArrayIndex[] rows(int from, int to) {
        return new INDArrayIndex[] {NDArrayIndex.interval(from, to), NDArrayIndex.all()};
    }
}
