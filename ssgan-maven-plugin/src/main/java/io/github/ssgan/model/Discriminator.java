package io.github.ssgan.model;

import io.github.ssgan.spec.Architecture;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The K+1-class discriminator that doubles as the classifier: Gaussian noise (σ 0.3) on the input, weight-normalized
 * ReLU layers 1000-500-250-250-250 each followed by noise (σ 0.5) while training, and a weight-normalized layer of K
 * logits with trainable scale. The fake class's logit is fixed at 0, so p(real|x) = Z/(Z+1), Z = Σ_k exp(l_k).
 * Optionally {@link MinibatchDiscrimination} between the last hidden layer (after its noise) and the logits.
 *
 * <p>Forward and backward passes are plain ND4J GEMMs and element-wise ops with hand-written gradients rather than
 * SameDiff: measured on a 2-core machine, one SameDiff forward+backward of this network on 300 rows took ~120 ms, and
 * the training step needs one such pass plus a second pass back to the generator, which alone exceeds the per-epoch
 * budget. The hand-written gradients are checked against numeric ones in {@code GradientCheckTest}.
 */
public final class Discriminator {
    private final Architecture arch;
    private final WeightNormDense[] hidden;
    /** Between the last hidden layer and the classifier layer, or null. */
    private final MinibatchDiscrimination minibatch;
    private final WeightNormDense output;
    private final INDArray parameters;
    private final INDArray gradients;
    private final INDArray[] activations;
    private final Numerics numerics;

    /**
     * @param parameters flat vector of {@link #parameterCount(Architecture)} elements, used in place
     * @param gradients  flat vector of the same length receiving gradients, or null for an inference-only view
     * @param numerics   how the layers compute
     */
    public Discriminator(Architecture arch, INDArray parameters, INDArray gradients, Numerics numerics) {
        this(arch, null, parameters, gradients, numerics);
    }

    /**
     * The same with minibatch discrimination on the last hidden features, its T after the hidden layers' parameters
     * in the flat vectors, and a classifier layer that reads A + B inputs.
     *
     * @param minibatch null for none
     */
    public Discriminator(Architecture arch, MinibatchDiscrimination.Shape minibatch, INDArray parameters,
                         INDArray gradients, Numerics numerics) {
        this.arch = arch;
        this.numerics = numerics;
        this.parameters = parameters;
        this.gradients = gradients;
        ParameterSlicer p = new ParameterSlicer(parameters);
        ParameterSlicer gr = gradients == null ? null : new ParameterSlicer(gradients);
        int[] sizes = arch.discriminatorHidden();
        hidden = new WeightNormDense[sizes.length];
        int in = arch.inputSize();
        for (int i = 0; i < sizes.length; i++) {
            hidden[i] = new WeightNormDense(in, sizes[i], false, numerics, p, gr);
            in = sizes[i];
        }
        this.minibatch = minibatch == null ? null : new MinibatchDiscrimination(in, minibatch, numerics, p, gr);
        if (minibatch != null) {
            in = MinibatchDiscrimination.outputs(in, minibatch);
        }
        output = new WeightNormDense(in, arch.classes(), true, numerics, p, gr);
        activations = new INDArray[sizes.length];
        if (p.used() != parameters.length()) {
            throw new IllegalArgumentException("parameter vector has " + parameters.length() + " elements, expected " + p.used());
        }
    }

    public static long parameterCount(Architecture arch) {
        return parameterCount(arch, null);
    }

    /** With minibatch discrimination unless {@code minibatch} is null. */
    public static long parameterCount(Architecture arch, MinibatchDiscrimination.Shape minibatch) {
        long n = 0;
        int in = arch.inputSize();
        for (int size : arch.discriminatorHidden()) {
            n += WeightNormDense.parameterCount(in, size);
            in = size;
        }
        if (minibatch != null) {
            n += MinibatchDiscrimination.parameterCount(in, minibatch);
            in = MinibatchDiscrimination.outputs(in, minibatch);
        }
        return n + WeightNormDense.parameterCount(in, arch.classes());
    }

    public static INDArray newParameterVector(Architecture arch, DataType dataType) {
        return newParameterVector(arch, null, dataType);
    }

    public static INDArray newParameterVector(Architecture arch, MinibatchDiscrimination.Shape minibatch, DataType dataType) {
        return Nd4j.create(dataType, parameterCount(arch, minibatch));
    }

    /**
     * V ~ N(0, directionStd²) (then minibatch discrimination's T, drawn after them), then the paper's data-dependent
     * init: each layer's pre-activations on a sample of training images get mean 0 and std 1, measured with the
     * training noise on (as the paper's code does); the minibatch features of the sample are taken in segments.
     */
    public void initialise(INDArray sample, Random rng, double directionStd) {
        for (WeightNormDense layer : allLayers()) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(layer.v, 0.0, directionStd), rng);
        }
        if (minibatch != null) {
            minibatch.initialise(rng);
        }
        Noise noise = Noise.from(rng);
        INDArray h = addNoise(sample, arch.inputNoise(), noise);
        for (WeightNormDense layer : hidden) {
            layer.initialiseFromData(h, 1.0);
            h = addNoise(layer.forward(h, true), arch.hiddenNoise(), noise);
        }
        output.initialiseFromData(classifierInput(h), 1.0);
    }

    /** What the classifier layer reads: the last hidden layer's (noisy) output, with its minibatch features if any. */
    private INDArray classifierInput(INDArray h) {
        return minibatch == null ? h : minibatch.forward(h);
    }

    /**
     * Logits for x. With a noise source, the paper's training-time Gaussian noise is added and activations are kept
     * for {@link #backward}; with null it is the deterministic classifier.
     */
    public INDArray forward(INDArray x, Noise noise) {
        if (numerics.fused()) {
            return forwardFused(x, noise);
        }
        INDArray h = noise == null ? x : addNoise(x, arch.inputNoise(), noise);
        for (int i = 0; i < hidden.length; i++) {
            INDArray r = hidden[i].forward(h, true);
            activations[i] = r;
            h = noise == null ? r : addNoise(r, arch.hiddenNoise(), noise);
        }
        return output.forward(classifierInput(h));
    }

    /** {@link #forward} in fused passes: each layer's noise is added in the pass that writes its output. */
    private INDArray forwardFused(INDArray x, Noise noise) {
        INDArray h = x;
        if (noise != null) {
            h = noise.gaussian(x.dataType(), x.rows(), x.columns(), arch.inputNoise());
            FusedKernels.addInto(x, h);
        }
        for (int i = 0; i < hidden.length; i++) {
            INDArray next = noise == null ? null : noise.gaussian(h.dataType(), h.rows(), hidden[i].out, arch.hiddenNoise());
            activations[i] = hidden[i].forwardFused(h, FusedKernels.Activation.RELU, next);
            h = next == null ? activations[i] : next;
        }
        return output.forwardFused(classifierInput(h), FusedKernels.Activation.NONE, null);
    }

    /** Last hidden layer's ReLU output of the last forward pass: the features matched by the generator. */
    public INDArray features() {
        return activations[hidden.length - 1];
    }

    /**
     * Back-propagates through rows [from,to) of the last forward pass (whole segments with minibatch discrimination).
     * The fused kernels overwrite {@code dLogits}.
     *
     * @param dLogits            ∂L/∂logits for those rows, or null
     * @param dFeatures          ∂L/∂{@link #features()} for those rows, or null
     * @param parameterGradients fill the gradient vector (all rows must be taken)
     * @return ∂L/∂x for those rows when {@code inputGradient}, else null
     */
    public INDArray backward(INDArray dLogits, INDArray dFeatures, int from, int to,
                             boolean parameterGradients, boolean inputGradient) {
        if (parameterGradients && gradients == null) {
            throw new IllegalStateException("this discriminator has no gradient buffer");
        }
        INDArray dh = dLogits == null ? null : output.backward(dLogits, from, to, parameterGradients, true);
        if (dh != null && minibatch != null) {
            dh = minibatch.backward(dh, from, to, parameterGradients);
        }
        if (dFeatures != null) {
            if (dh == null) {
                dh = dFeatures.dup();
            } else if (numerics.fused()) {
                FusedKernels.addInto(dFeatures, dh);
            } else {
                dh = dh.addi(dFeatures);
            }
        }
        if (dh == null) {
            throw new IllegalArgumentException("nothing to back-propagate");
        }
        if (numerics.fused()) {
            // each layer takes its ReLU's derivative in the pass that scales the gradient
            for (int i = hidden.length - 1; i >= 0; i--) {
                dh = hidden[i].backward(dh, from, to, parameterGradients, i > 0 || inputGradient);
            }
            return dh;
        }
        for (int i = hidden.length - 1; i >= 0; i--) {
            Kernels.reluGradient(dh, WeightNormDense.rows(activations[i], from, to));
            dh = hidden[i].backward(dh, from, to, parameterGradients, i > 0 || inputGradient);
        }
        return dh;
    }

    public INDArray parameters() {
        return parameters;
    }

    public INDArray gradients() {
        return gradients;
    }

    public Architecture architecture() {
        return arch;
    }

    /**
     * The rows of a segment of minibatch discrimination, or 0 without it: with it, a row's logits depend on the other
     * rows of its segment in the same pass.
     */
    public int minibatchSegmentRows() {
        return minibatch == null ? 0 : minibatch.segmentRows();
    }

    /**
     * Effective dense weights W = V·g/‖V‖ and biases per layer, for export to a plain network; not with minibatch
     * discrimination, which no plain network has.
     */
    public INDArray[][] effectiveWeights() {
        if (minibatch != null) {
            throw new IllegalStateException("a classifier with minibatch discrimination is no plain dense network");
        }
        WeightNormDense[] layers = allLayers();
        INDArray[][] wb = new INDArray[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            WeightNormDense l = layers[i];
            INDArray w = l.v.mulRowVector(l.g.div(l.v.norm2(true, 0)));
            wb[i] = new INDArray[] {w, l.b.dup()};
        }
        return wb;
    }

    private WeightNormDense[] allLayers() {
        WeightNormDense[] all = new WeightNormDense[hidden.length + 1];
        System.arraycopy(hidden, 0, all, 0, hidden.length);
        all[hidden.length] = output;
        return all;
    }

    static INDArray addNoise(INDArray x, double sigma, Noise noise) {
        return noise.gaussian(x.dataType(), x.rows(), x.columns(), sigma).addi(x);
    }
}
