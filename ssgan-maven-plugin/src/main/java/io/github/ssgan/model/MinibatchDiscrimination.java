package io.github.ssgan.model;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatch discrimination (Salimans et al. 2016, §3.2) on the discriminator's last hidden features f (n × A): a
 * trainable tensor T ∈ R^{A×B×C} gives M = f·T, kernel b's closeness of rows i and j is
 * c_b(i,j) = exp(−‖M_{i,b} − M_{j,b}‖_{L1}) and row i's minibatch features are o(i)_b = Σ_{j≠i} c_b(i,j) over the rows
 * j of its own segment. The layer's output is [f, o] (A + B columns), which the classifier layer reads.
 *
 * <p>j = i is left out, as the paper's code does (it adds 10⁶ to the diagonal of the L1 distances, so that exp gives 0
 * there); counting it would add 1 to every o_b. Unlike that code, T is a plain tensor, N(0, σ²) at initialisation,
 * without the code's weight normalisation of T, its data-dependent scale and its bias on o (a shift of o that the
 * classifier layer's bias absorbs). T is stored as an A × (C·B) matrix whose column c·B + b is kernel b's dimension c,
 * so that the loops over b are contiguous.
 *
 * <p>Segments: rows [k·s, (k+1)·s) for the segment size s (the batch size), the last one possibly shorter. The
 * trainer stacks its labeled, unlabeled and generated batches into one pass; each batch is compared with itself only,
 * as when the paper's code passes each batch on its own. Back-propagation takes whole segments.
 *
 * <p>Cost per segment of L rows: L(L−1)/2 pairs (each unordered pair once, c_b(i,j) = c_b(j,i)) of B exponentials
 * and B·C absolute differences forward, their closeness kept for the backward pass when the layer has a gradient
 * buffer, and of B·C multiply-adds backward. Computed in double; the loops are split over the compute threads by
 * blocks of kernels, each thread visiting the pairs in the same order, so every sum over j is made in the order of j
 * by one thread and the bits do not depend on the split.
 */
public final class MinibatchDiscrimination {
    /**
     * B kernels of dimension C, compared within segments of {@code segmentRows} rows, T ~ N(0, initialStd²) (the
     * paper's code draws N(0, 0.05²)).
     */
    public record Shape(int kernels, int kernelDimension, int segmentRows, double initialStd) {
        public Shape {
            if (kernels <= 0 || kernelDimension <= 0 || segmentRows <= 0 || !(initialStd > 0)) {
                throw new IllegalArgumentException("minibatch discrimination needs positive kernels, kernel dimension,"
                        + " segment rows and initial std, got " + kernels + ", " + kernelDimension + ", " + segmentRows
                        + ", " + initialStd);
            }
        }
    }

    private final int in;
    private final int kernels;
    private final int dimension;
    private final int segment;
    private final double initialStd;
    private final Gemm gemm;
    private final INDArray t;
    private final INDArray dt;

    private INDArray input;
    private int rows;
    /** M of the last forward pass, n × C·B. */
    private double[] m = new double[0];
    /**
     * c_b(i,j) of the last forward pass for the pairs i &lt; j in order, segment after segment (L(L−1)/2 × B each);
     * only one segment's without a gradient buffer.
     */
    private double[] closeness = new double[0];

    MinibatchDiscrimination(int in, Shape shape, Numerics numerics, ParameterSlicer params, ParameterSlicer grads) {
        this.in = in;
        this.kernels = shape.kernels();
        this.dimension = shape.kernelDimension();
        this.segment = shape.segmentRows();
        this.initialStd = shape.initialStd();
        this.gemm = numerics.gemm();
        this.t = params.next(in, (long) kernels * dimension);
        this.dt = grads == null ? null : grads.next(in, (long) kernels * dimension);
    }

    static long parameterCount(int in, Shape shape) {
        return (long) in * shape.kernels() * shape.kernelDimension();
    }

    /** Columns of the output: the features and one per kernel. */
    static int outputs(int in, Shape shape) {
        return in + shape.kernels();
    }

    int segmentRows() {
        return segment;
    }

    void initialise(Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(t, 0.0, initialStd), rng);
    }

    /** [f, o] for the rows of f. */
    INDArray forward(INDArray f) {
        input = f;
        rows = (int) f.rows();
        m = new AsDoubles(gemm.multiply(f, t, false, false)).all();
        boolean keep = dt != null;
        int cells = (keep ? (rows + segment - 1) / segment : 1) * pairs(segment) * kernels;
        if (closeness.length < cells || closeness.length > 2 * cells) {
            closeness = new double[cells]; // not kept at its largest: the initialisation's sample is larger than a step
        }
        double[] o = new double[rows * kernels];
        for (int first = 0; first < rows; first += segment) {
            closeness(first, Math.min(segment, rows - first), keep ? base(first) : 0, o);
        }
        INDArray out = Nd4j.createUninitialized(f.dataType(), rows, in + kernels);
        AsDoubles from = new AsDoubles(f);
        AsDoubles to = new AsDoubles(out);
        double[] row = new double[in + kernels];
        for (int i = 0; i < rows; i++) {
            from.get(i * in, row, 0, in);
            System.arraycopy(o, i * kernels, row, in, kernels);
            to.put(i * (in + kernels), row, 0, in + kernels);
        }
        return out;
    }

    private static int pairs(int length) {
        return length * (length - 1) / 2;
    }

    /** Where the closeness of the segment starting at row {@code first} is kept. */
    private int base(int first) {
        return first / segment * pairs(segment) * kernels;
    }

    /**
     * c_b(i,j) for the pairs i &lt; j of one segment, in order, into {@link #closeness} from {@code base}, each added to
     * o(i)_b and o(j)_b: o(i)_b gathers its terms in the order of j.
     */
    private void closeness(int first, int length, int base, double[] o) {
        int width = kernels * dimension;
        double[] mm = m;
        double[] c = closeness;
        ParallelLoop.run(kernels, pairs(length) * (dimension + FusedKernels.EXP_COST), (b0, b1) -> {
            int block = b1 - b0;
            double[] d = new double[block];
            int cell = base;
            for (int il = 0; il < length; il++) {
                int i = first + il;
                for (int j = i + 1; j < first + length; j++, cell += kernels) {
                    Arrays.fill(d, 0.0);
                    for (int at = 0; at < width; at += kernels) {
                        int mi = i * width + at + b0;
                        int mj = j * width + at + b0;
                        for (int b = 0; b < block; b++) {
                            d[b] += Math.abs(mm[mi + b] - mm[mj + b]);
                        }
                    }
                    for (int b = 0; b < block; b++) {
                        double e = Math.exp(-d[b]);
                        c[cell + b0 + b] = e;
                        o[i * kernels + b0 + b] += e;
                        o[j * kernels + b0 + b] += e;
                    }
                }
            }
        });
    }

    /**
     * Back-propagates ∂L/∂[f, o] for rows [from, to) of the last forward pass, whole segments:
     * ∂L/∂M_{i,b} = −Σ_{j≠i} (∂L/∂o(i)_b + ∂L/∂o(j)_b) · c_b(i,j) · sign(M_{i,b} − M_{j,b}) (c_b(i,j) is in both o(i)
     * and o(j)), then ∂L/∂T = fᵀ·∂L/∂M into the gradient buffer if {@code parameterGradients}, and
     * ∂L/∂f = ∂L/∂[f, o]'s first A columns + ∂L/∂M·Tᵀ, returned.
     */
    INDArray backward(INDArray dOut, int from, int to, boolean parameterGradients) {
        if (dt == null) {
            throw new IllegalStateException("this layer has no gradient buffer, so its forward pass kept no closeness");
        }
        if (from % segment != 0 || (to % segment != 0 && to != rows) || to > rows || from >= to) {
            throw new IllegalArgumentException("back-propagation takes whole segments of " + segment + " of the "
                    + rows + " rows, got [" + from + ", " + to + ")");
        }
        int n = to - from;
        int width = kernels * dimension;
        int columns = in + kernels;
        AsDoubles upstream = new AsDoubles(dOut);
        double[] dO = new double[n * kernels];
        for (int r = 0; r < n; r++) {
            upstream.get(r * columns + in, dO, r * kernels, kernels);
        }
        double[] dm = new double[n * width];
        for (int first = from; first < to; first += segment) {
            closenessBackward(first, Math.min(segment, rows - first), base(first), from, dO, dm);
        }
        INDArray dM = Nd4j.createUninitialized(dOut.dataType(), n, width);
        new AsDoubles(dM).put(0, dm, 0, dm.length);
        if (parameterGradients) {
            gemm.into(WeightNormDense.rows(input, from, to), dM, dt, true, false, 0.0);
        }
        INDArray dF = Nd4j.createUninitialized(dOut.dataType(), n, in);
        AsDoubles features = new AsDoubles(dF);
        double[] row = new double[columns];
        for (int r = 0; r < n; r++) {
            upstream.get(r * columns, row, 0, in);
            features.put(r * in, row, 0, in);
        }
        gemm.into(dM, t, dF, false, true, 1.0);
        return dF;
    }

    /**
     * The pairs i &lt; j of one segment in the forward pass's order: t = (∂L/∂o(i)_b + ∂L/∂o(j)_b)·c_b(i,j)·sign(M_i − M_j)
     * is subtracted from ∂L/∂M_i and added to ∂L/∂M_j. sign(x) is taken as x/(|x| + 2⁻¹⁰²²), exactly ±1 for the
     * differences of float values (and of doubles above 10⁻²⁹¹) and 0 at 0: a division vectorizes, Math.signum did
     * not (6 ns an element, measured).
     */
    private void closenessBackward(int first, int length, int base, int from, double[] dO, double[] dm) {
        int width = kernels * dimension;
        double[] mm = m;
        double[] c = closeness;
        ParallelLoop.run(kernels, pairs(length) * dimension, (b0, b1) -> {
            int block = b1 - b0;
            double[] w = new double[block];
            int cell = base;
            for (int il = 0; il < length; il++) {
                int i = first + il;
                for (int j = i + 1; j < first + length; j++, cell += kernels) {
                    int gi = (i - from) * kernels + b0;
                    int gj = (j - from) * kernels + b0;
                    for (int b = 0; b < block; b++) {
                        w[b] = (dO[gi + b] + dO[gj + b]) * c[cell + b0 + b];
                    }
                    for (int at = 0; at < width; at += kernels) {
                        int mi = i * width + at + b0;
                        int mj = j * width + at + b0;
                        int di = (i - from) * width + at + b0;
                        int dj = (j - from) * width + at + b0;
                        for (int b = 0; b < block; b++) {
                            double diff = mm[mi + b] - mm[mj + b];
                            double term = w[b] * (diff / (Math.abs(diff) + Double.MIN_NORMAL));
                            dm[di + b] -= term;
                            dm[dj + b] += term;
                        }
                    }
                }
            }
        });
    }
}
