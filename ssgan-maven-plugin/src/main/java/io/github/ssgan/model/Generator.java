package io.github.ssgan.model;

import io.github.ssgan.spec.Architecture;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The generator of the paper's MNIST model: z ~ U(0,1)^100 → dense 500 + batch norm + softplus → dense 500 + batch
 * norm + softplus → weight-normalized dense 784 (trainable scale) + sigmoid. Batch norm always uses the batch's own statistics (as the
 * paper's code does when sampling), so a fixed z batch yields the same images for the same weights; or, optionally,
 * {@link VirtualBatchNorm} against a reference batch of noise fixed once ({@link #setReferenceNoise}), forwarded with
 * every batch, so that no generated image depends on the others of its batch.
 * Gradients are hand-written for the same reason as {@link Discriminator}'s.
 */
public final class Generator {
    private static final double BN_EPSILON = 1e-6;

    private final Architecture arch;
    private final Numerics numerics;
    private final Reductions reductions;
    private final Gemm gemm;
    private final INDArray[] w;
    private final INDArray[] beta;
    private final INDArray[] dw;
    private final INDArray[] dbeta;
    private final WeightNormDense output;
    /** Per hidden layer with virtual batch norm, else null. */
    private final VirtualBatchNorm[] virtual;
    /** z of the reference batch, with virtual batch norm. */
    private INDArray referenceNoise;
    /** Live rows of the last forward pass (those before the reference batch's). */
    private int live;
    private final INDArray parameters;
    private final INDArray gradients;

    private INDArray z;
    private final INDArray[] normalized;
    private final INDArray[] invStd;
    private final INDArray[] preActivation;
    private final INDArray[] hiddenOut;
    /** Row buffers for the batch-norm reductions (the batch mean, then ∑dy in the backward pass), the variance and ∑dy·x̂. */
    private final INDArray[] meanBuffer;
    private final INDArray[] varianceBuffer;
    private final INDArray[] sumBuffer;
    /** The fused passes' σ(x̂ + β), softplus's derivative, per hidden layer. */
    private final INDArray[] softplusSlope;
    private INDArray images;

    public Generator(Architecture arch, INDArray parameters, INDArray gradients, Numerics numerics) {
        this(arch, parameters, gradients, numerics, false);
    }

    /**
     * @param virtualBatchNorm normalize the hidden layers virtually ({@link VirtualBatchNorm}) instead of with the
     *                         batch's own statistics; the same parameters either way
     */
    public Generator(Architecture arch, INDArray parameters, INDArray gradients, Numerics numerics,
                     boolean virtualBatchNorm) {
        this.arch = arch;
        this.numerics = numerics;
        this.reductions = numerics.reductions();
        this.gemm = numerics.gemm();
        this.parameters = parameters;
        this.gradients = gradients;
        int[] sizes = arch.generatorHidden();
        int layers = sizes.length;
        w = new INDArray[layers];
        beta = new INDArray[layers];
        dw = new INDArray[layers];
        dbeta = new INDArray[layers];
        normalized = new INDArray[layers];
        invStd = new INDArray[layers];
        preActivation = new INDArray[layers];
        hiddenOut = new INDArray[layers];
        meanBuffer = new INDArray[layers];
        varianceBuffer = new INDArray[layers];
        sumBuffer = new INDArray[layers];
        softplusSlope = new INDArray[layers];
        virtual = virtualBatchNorm ? new VirtualBatchNorm[layers] : null;
        ParameterSlicer p = new ParameterSlicer(parameters);
        ParameterSlicer gr = gradients == null ? null : new ParameterSlicer(gradients);
        int in = arch.noiseSize();
        for (int i = 0; i < layers; i++) {
            w[i] = p.next(in, sizes[i]);
            meanBuffer[i] = Reductions.buffer(parameters.dataType(), sizes[i]);
            varianceBuffer[i] = Reductions.buffer(parameters.dataType(), sizes[i]);
            sumBuffer[i] = Reductions.buffer(parameters.dataType(), sizes[i]);
            beta[i] = p.next(1, sizes[i]);
            if (virtual != null) {
                virtual[i] = new VirtualBatchNorm(sizes[i], BN_EPSILON);
            }
            if (gr != null) {
                dw[i] = gr.next(in, sizes[i]);
                dbeta[i] = gr.next(1, sizes[i]);
            }
            in = sizes[i];
        }
        output = new WeightNormDense(in, arch.inputSize(), true, numerics, p, gr);
        if (p.used() != parameters.length()) {
            throw new IllegalArgumentException("parameter vector has " + parameters.length() + " elements, expected " + p.used());
        }
    }

    public static long parameterCount(Architecture arch) {
        long n = 0;
        int in = arch.noiseSize();
        for (int size : arch.generatorHidden()) {
            n += (long) in * size + size;
            in = size;
        }
        return n + WeightNormDense.parameterCount(in, arch.inputSize());
    }

    public static INDArray newParameterVector(Architecture arch, DataType dataType) {
        return Nd4j.create(dataType, parameterCount(arch));
    }

    /**
     * Glorot-uniform dense weights (Lasagne's default, as in the paper's code), V ~ N(0, 0.05), g = 1, biases 0.
     * The output layer's scale g is trained (the paper's l2normalize layer): with g fixed at 1 the per-pixel biases
     * outgrow the unit-norm weights and every sample becomes the same image.
     */
    public void initialise(Random rng) {
        int in = arch.noiseSize();
        for (int i = 0; i < w.length; i++) {
            double limit = Math.sqrt(6.0 / (in + w[i].columns()));
            Nd4j.getExecutioner().exec(new UniformDistribution(w[i], -limit, limit), rng);
            beta[i].assign(0.0);
            in = (int) w[i].columns();
        }
        Nd4j.getExecutioner().exec(new GaussianDistribution(output.v, 0.0, 0.05), rng);
        output.g.assign(1.0);
        output.b.assign(0.0);
    }

    /** A batch of noise vectors z ~ U(0,1)^noiseSize. */
    public INDArray sampleNoise(int rows, Random rng) {
        INDArray noise = Nd4j.createUninitialized(parameters.dataType(), rows, arch.noiseSize());
        drawNoise(noise, rng);
        return noise;
    }

    /** Fills {@code z} with U(0,1) draws: the one op every path draws the generator's input with. */
    public static void drawNoise(INDArray z, Random rng) {
        Nd4j.getExecutioner().exec(new UniformDistribution(z, 0.0, 1.0), rng);
    }

    /**
     * The reference batch's noise for virtual batch norm, drawn once per run: kept, not copied, and forwarded with
     * every batch from now on.
     */
    public void setReferenceNoise(INDArray noise) {
        if (virtual == null) {
            throw new IllegalStateException("this generator normalizes with the batch's own statistics");
        }
        if (noise.columns() != arch.noiseSize() || noise.rows() < 1) {
            throw new IllegalArgumentException("reference noise must have rows of " + arch.noiseSize() + ", got "
                    + noise.shapeInfoToString());
        }
        referenceNoise = noise;
    }

    /** Images in [0,1], one row per noise vector. Keeps what {@link #backward} needs. */
    public INDArray forward(INDArray noise) {
        if (virtual != null) {
            return forwardVirtual(noise);
        }
        if (numerics.fused()) {
            return forwardFused(noise);
        }
        z = noise;
        INDArray h = noise;
        for (int i = 0; i < w.length; i++) {
            INDArray a = gemm.multiply(h, w[i], false, false);
            if (reductions == Reductions.ND4J) {
                INDArray mean = a.mean(true, 0);
                INDArray variance = a.var(false, 0).reshape(1, a.columns());
                invStd[i] = Transforms.pow(variance.addi(BN_EPSILON), -0.5, false);
                normalized[i] = a.subiRowVector(mean).muliRowVector(invStd[i]);
            } else {
                // the same biased variance, taken of the centred values
                INDArray centred = a.subiRowVector(reductions.columnSums(a, meanBuffer[i]).divi(a.rows()));
                INDArray variance = reductions.columnDots(centred, centred, varianceBuffer[i]).divi(a.rows());
                invStd[i] = Transforms.pow(variance.addi(BN_EPSILON), -0.5, false);
                normalized[i] = centred.muliRowVector(invStd[i]);
            }
            preActivation[i] = normalized[i].addRowVector(beta[i]);
            hiddenOut[i] = Transforms.softPlus(preActivation[i], true);
            h = hiddenOut[i];
        }
        images = Transforms.sigmoid(output.forward(h), false);
        return images;
    }

    /** {@link #forward} in one pass per layer after its product: batch norm, shift, softplus; then the sigmoid. */
    private INDArray forwardFused(INDArray noise) {
        z = noise;
        INDArray h = noise;
        for (int i = 0; i < w.length; i++) {
            INDArray a = gemm.multiply(h, w[i], false, false);
            normalized[i] = a;
            invStd[i] = varianceBuffer[i];
            hiddenOut[i] = Nd4j.createUninitialized(a.dataType(), a.shape());
            softplusSlope[i] = Nd4j.createUninitialized(a.dataType(), a.shape());
            FusedKernels.batchNormSoftplus(a, beta[i], BN_EPSILON, a, invStd[i], hiddenOut[i], softplusSlope[i]);
            h = hiddenOut[i];
        }
        images = output.forwardFused(h, FusedKernels.Activation.SIGMOID, null);
        return images;
    }

    /**
     * {@link #forward} with virtual batch norm: the live rows and the reference batch's stacked into each product, the
     * output layer on the live rows only.
     */
    private INDArray forwardVirtual(INDArray noise) {
        if (referenceNoise == null) {
            throw new IllegalStateException("virtual batch norm needs its reference noise: setReferenceNoise first");
        }
        live = (int) noise.rows();
        z = Nd4j.vstack(noise, referenceNoise);
        INDArray h = z;
        for (int i = 0; i < w.length; i++) {
            INDArray a = gemm.multiply(h, w[i], false, false);
            preActivation[i] = a;
            hiddenOut[i] = Nd4j.createUninitialized(a.dataType(), a.shape());
            softplusSlope[i] = Nd4j.createUninitialized(a.dataType(), a.shape());
            virtual[i].forward(a, live, beta[i], hiddenOut[i], softplusSlope[i]);
            h = hiddenOut[i];
        }
        INDArray last = WeightNormDense.rows(h, 0, live);
        images = numerics.fused() ? output.forwardFused(last, FusedKernels.Activation.SIGMOID, null)
                : Transforms.sigmoid(output.forward(last), false);
        return images;
    }

    /** Fills the gradient vector from ∂L/∂images of the last forward pass (the fused kernels overwrite dImages). */
    public void backward(INDArray dImages) {
        if (virtual != null) {
            backwardVirtual(dImages);
            return;
        }
        if (numerics.fused()) {
            backwardFused(dImages);
            return;
        }
        INDArray dh = outputBackward(dImages);
        for (int i = w.length - 1; i >= 0; i--) {
            // softplus' = sigmoid of its input
            INDArray dy = dh.muli(Transforms.sigmoid(preActivation[i], true));
            reductions.columnSumsInto(dy, dbeta[i]);
            INDArray da = batchNormBackward(dy, normalized[i], invStd[i], i);
            INDArray in = i == 0 ? z : hiddenOut[i - 1];
            gemm.into(in, da, dw[i], true, false, 0.0);
            dh = i == 0 ? null : gemm.multiply(da, w[i], false, true);
        }
    }

    /** ∂L/∂(last hidden layer's output) from ∂L/∂images, filling the output layer's gradients. */
    private INDArray outputBackward(INDArray dImages) {
        if (numerics.fused()) {
            return output.backward(dImages, 0, (int) dImages.rows(), true, true);
        }
        INDArray dOut = dImages.mul(images).muli(images.rsub(1.0));
        return output.backward(dOut, 0, (int) dOut.rows(), true, true);
    }

    private void backwardFused(INDArray dImages) {
        INDArray dh = outputBackward(dImages);
        for (int i = w.length - 1; i >= 0; i--) {
            FusedKernels.batchNormSoftplusBackward(dh, softplusSlope[i], normalized[i], invStd[i], dbeta[i], dh);
            gemm.into(i == 0 ? z : hiddenOut[i - 1], dh, dw[i], true, false, 0.0);
            dh = i == 0 ? null : gemm.multiply(dh, w[i], false, true);
        }
    }

    /**
     * Back through {@link #forwardVirtual}: the reference rows start from 0 at the last hidden layer and gather the
     * gradients of the statistics the live rows were normalized with, layer by layer; each product's gradient takes the
     * live and reference rows together.
     */
    private void backwardVirtual(INDArray dImages) {
        INDArray dh = outputBackward(dImages);
        INDArray stacked = Nd4j.createUninitialized(dh.dataType(), z.rows(), dh.columns()).assign(0.0);
        stacked.get(NDArrayIndex.interval(0, live), NDArrayIndex.all()).assign(dh);
        for (int i = w.length - 1; i >= 0; i--) {
            virtual[i].backward(stacked, softplusSlope[i], preActivation[i], live, dbeta[i], stacked);
            gemm.into(i == 0 ? z : hiddenOut[i - 1], stacked, dw[i], true, false, 0.0);
            stacked = i == 0 ? null : gemm.multiply(stacked, w[i], false, true);
        }
    }

    /** ∂L/∂a = invStd/N · (N·dy − Σdy − x̂ ⊙ Σ(dy ⊙ x̂)) for x̂ = (a − μ)·invStd. */
    private INDArray batchNormBackward(INDArray dy, INDArray xHat, INDArray invStd, int layer) {
        long n = dy.rows();
        INDArray sumDy = reductions.columnSums(dy, meanBuffer[layer]);
        INDArray sumDyXHat = reductions.columnDots(dy, xHat, sumBuffer[layer]);
        return dy.mul(n).subiRowVector(sumDy).subi(xHat.mulRowVector(sumDyXHat)).muliRowVector(invStd.div(n));
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
}
