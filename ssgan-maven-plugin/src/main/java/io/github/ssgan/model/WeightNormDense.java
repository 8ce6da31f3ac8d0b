package io.github.ssgan.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Weight-normalized dense layer (Salimans &amp; Kingma 2016): y = (x·V) ⊙ g/‖V‖ + b, norms taken per output column.
 * The scale is applied to the output columns rather than materialising W = V·g/‖V‖, which saves a full
 * [in,out] pass per step. Hidden layers of the paper's model keep g fixed after data-dependent initialisation;
 * the classifier layer trains it.
 *
 * <p>Gradients are written by hand (see {@link Discriminator} for why), with c_j = Σ_i δ_ij (x·V)_ij:
 * ∂L/∂V = xᵀ(δ ⊙ s) − V ⊙ (c g / ‖V‖³), ∂L/∂g = c / ‖V‖, ∂L/∂b = Σ_i δ_i, ∂L/∂x = (δ ⊙ s)Vᵀ with s = g/‖V‖.
 */
final class WeightNormDense {
    final int in;
    final int out;
    final boolean trainScale;
    private final Numerics numerics;
    private final Reductions reductions;
    private final Gemm gemm;
    private final INDArray normBuffer;
    private final INDArray dotBuffer;
    private final INDArray factorBuffer;
    final INDArray v;
    final INDArray g;
    final INDArray b;
    private final INDArray dv;
    private final INDArray dg;
    private final INDArray db;

    private INDArray input;
    private INDArray linear;
    private INDArray norm;
    /** g/‖V‖ of the last forward pass. */
    private final INDArray scale;
    /** The fused forward pass's output and activation, which its backward pass differentiates. */
    private INDArray output;
    private FusedKernels.Activation activation;

    WeightNormDense(int in, int out, boolean trainScale, Numerics numerics, ParameterSlicer params, ParameterSlicer grads) {
        this.numerics = numerics;
        this.reductions = numerics.reductions();
        this.gemm = numerics.gemm();
        this.in = in;
        this.out = out;
        this.trainScale = trainScale;
        this.v = params.next(in, out);
        this.g = params.next(1, out);
        this.b = params.next(1, out);
        this.dv = grads == null ? null : grads.next(in, out);
        this.dg = grads == null ? null : grads.next(1, out);
        this.db = grads == null ? null : grads.next(1, out);
        this.normBuffer = Reductions.buffer(v.dataType(), out);
        this.dotBuffer = Reductions.buffer(v.dataType(), out);
        this.scale = Reductions.buffer(v.dataType(), out);
        this.factorBuffer = Reductions.buffer(v.dataType(), out);
    }

    static long parameterCount(int in, int out) {
        return (long) in * out + 2L * out;
    }

    INDArray forward(INDArray x) {
        return forward(x, false);
    }

    /** y = (x·V) ⊙ g/‖V‖ + b, followed by ReLU if {@code relu}. */
    INDArray forward(INDArray x, boolean relu) {
        if (numerics.fused()) {
            return forwardFused(x, relu ? FusedKernels.Activation.RELU : FusedKernels.Activation.NONE, null);
        }
        input = x;
        norm = reductions.columnNorms(v, normBuffer);
        Kernels.weightNormFactors(g, norm, null, scale, null);
        linear = gemm.multiply(x, v, false, false);
        INDArray y = Nd4j.createUninitialized(linear.dataType(), linear.shape());
        Kernels.scaleColumns(linear, scale, b, relu, y);
        return y;
    }

    /**
     * y = act((x·V) ⊙ g/‖V‖ + b) in one pass after the product ({@link Numerics#FUSED}); then, unless {@code noise} is
     * null, noise += y in the same pass, in place, as the next layer's input.
     */
    INDArray forwardFused(INDArray x, FusedKernels.Activation act, INDArray noise) {
        input = x;
        FusedKernels.columnNorms(v, normBuffer);
        norm = normBuffer;
        FusedKernels.divide(g, norm, scale);
        linear = gemm.multiply(x, v, false, false);
        output = Nd4j.createUninitialized(linear.dataType(), linear.shape());
        activation = act;
        FusedKernels.affine(linear, scale, b, act, output, noise);
        return output;
    }

    /** Column-wise pre-activation statistics of x·V/‖V‖ for data-dependent initialisation. */
    void initialiseFromData(INDArray x, double initScale) {
        g.assign(1.0);
        b.assign(0.0);
        INDArray pre = forward(x);
        INDArray mean = pre.mean(true, 0);
        INDArray std = pre.std(false, true, 0).addi(1e-8);
        g.assign(std.rdiv(initScale));
        b.assign(mean.neg().muli(g));
    }

    /**
     * Back-propagates dy (rows [from,to) of the last forward pass).
     *
     * @param parameterGradients write ∂L/∂V, ∂L/∂g (if trained) and ∂L/∂b into the gradient buffer
     * @param inputGradient      compute and return ∂L/∂x (otherwise returns null)
     */
    INDArray backward(INDArray dy, int from, int to, boolean parameterGradients, boolean inputGradient) {
        if (numerics.fused()) {
            return backwardFused(dy, from, to, parameterGradients, inputGradient);
        }
        INDArray scaled = Nd4j.createUninitialized(dy.dataType(), dy.shape());
        Kernels.scaleColumns(dy, scale, null, false, scaled);
        if (parameterGradients) {
            INDArray x = rows(input, from, to);
            INDArray c = reductions.columnDots(dy, rows(linear, from, to), dotBuffer);
            // dv = −V ⊙ (c g/‖V‖³), then the GEMM accumulates xᵀ(δ ⊙ s) into it: no [in,out] temporary
            Kernels.weightNormFactors(g, norm, c, factorBuffer, trainScale ? dg : null);
            Kernels.scaleColumns(v, factorBuffer, null, false, dv);
            gemm.into(x, scaled, dv, true, false, 1.0);
            if (!trainScale) {
                dg.assign(0.0);
            }
            reductions.columnSumsInto(dy, db);
        }
        return inputGradient ? gemm.multiply(scaled, v, false, true) : null;
    }

    /**
     * Back-propagates ∂L/∂y (rows [from,to) of the last fused forward pass) through the activation and the layer,
     * overwriting {@code dOut}: one pass for the activation's derivative, the scaled gradient and the column sums c
     * and ∂L/∂b, one for ∂L/∂V's weight-norm term, then the products.
     */
    private INDArray backwardFused(INDArray dOut, int from, int to, boolean parameterGradients, boolean inputGradient) {
        INDArray y = rows(output, from, to);
        if (parameterGradients) {
            FusedKernels.affineBackward(dOut, y, activation, scale, rows(linear, from, to), dotBuffer, db, dOut);
            FusedKernels.weightNormFactors(g, norm, dotBuffer, factorBuffer, trainScale ? dg : null);
            FusedKernels.scaleColumns(v, factorBuffer, dv);
            gemm.into(rows(input, from, to), dOut, dv, true, false, 1.0);
            if (!trainScale) {
                FusedKernels.zero(dg);
            }
        } else {
            FusedKernels.affineBackward(dOut, y, activation, scale, null, null, null, dOut);
        }
        return inputGradient ? gemm.multiply(dOut, v, false, true) : null;
    }

    static INDArray rows(INDArray a, int from, int to) {
        if (from == 0 && to == a.rows()) {
            return a;
        }
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
