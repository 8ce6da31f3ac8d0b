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
 * <p>Cost per segment of L rows: L(L−1)/2 pairs of B exponentials and B·C absolute differences (each pair once, both
 * c_b(i,j) and c_b(j,i) written), kept for the backward pass when the layer has a gradient buffer; backward is L²·B·C
 * multiply-adds. Computed in double, the rows split over the compute threads; every value is computed by one thread
 * in a fixed order, so the bits do not depend on the split.
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
    /** c_b(i,j) of the last forward pass, segment after segment (L × L × B each); only one segment's without gradients. */
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
        int cells = (keep ? rows : Math.min(rows, segment)) * segment * kernels;
        if (closeness.length < cells || closeness.length > 2 * cells) {
            closeness = new double[cells]; // not kept at its largest: the initialisation's sample is larger than a step
        }
        double[] o = new double[rows * kernels];
        for (int first = 0; first < rows; first += segment) {
            int length = Math.min(segment, rows - first);
            int base = keep ? first * segment * kernels : 0;
            closeness(first, length, base);
            sum(first, length, base, o);
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

    /**
     * c_b(i,j) for the pairs of one segment: row i takes its partners i+1 … i+⌊L/2⌋ (modulo L; the one at distance L/2
     * of an even L from one end only), so each pair is computed once and each row has as many pairs as the others.
     */
    private void closeness(int first, int length, int base) {
        int width = kernels * dimension;
        double[] mm = m;
        double[] c = closeness;
        ParallelLoop.run(length, (length / 2) * kernels * (dimension + FusedKernels.EXP_COST), (from, to) -> {
            double[] d = new double[kernels];
            for (int il = from; il < to; il++) {
                int mi = (first + il) * width;
                for (int k = 1; 2 * k <= length; k++) {
                    if (2 * k == length && il >= k) {
                        continue;
                    }
                    int jl = il + k < length ? il + k : il + k - length;
                    int mj = (first + jl) * width;
                    Arrays.fill(d, 0.0);
                    for (int at = 0; at < width; at += kernels) {
                        for (int b = 0; b < kernels; b++) {
                            d[b] += Math.abs(mm[mi + at + b] - mm[mj + at + b]);
                        }
                    }
                    int ij = base + (il * length + jl) * kernels;
                    int ji = base + (jl * length + il) * kernels;
                    for (int b = 0; b < kernels; b++) {
                        double e = Math.exp(-d[b]);
                        c[ij + b] = e;
                        c[ji + b] = e;
                    }
                }
                int ii = base + (il * length + il) * kernels;
                Arrays.fill(c, ii, ii + kernels, 0.0);
            }
        });
    }

    /** o(i)_b = Σ_j c_b(i,j) in the order of j (the diagonal holds 0). */
    private void sum(int first, int length, int base, double[] o) {
        double[] c = closeness;
        ParallelLoop.run(length, length * kernels, (from, to) -> {
            for (int il = from; il < to; il++) {
                int out = (first + il) * kernels;
                int cell = base + il * length * kernels;
                for (int jl = 0; jl < length; jl++, cell += kernels) {
                    for (int b = 0; b < kernels; b++) {
                        o[out + b] += c[cell + b];
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
            closenessBackward(first, Math.min(segment, rows - first), first * segment * kernels, from, dO, dm);
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

    private void closenessBackward(int first, int length, int base, int from, double[] dO, double[] dm) {
        int width = kernels * dimension;
        double[] mm = m;
        double[] c = closeness;
        ParallelLoop.run(length, length * width, (lo, hi) -> {
            double[] w = new double[kernels];
            for (int il = lo; il < hi; il++) {
                int i = first + il;
                int gi = (i - from) * kernels;
                int mi = i * width;
                int di = (i - from) * width;
                for (int jl = 0; jl < length; jl++) {
                    if (jl == il) {
                        continue;
                    }
                    int j = first + jl;
                    int gj = (j - from) * kernels;
                    int mj = j * width;
                    int cell = base + (il * length + jl) * kernels;
                    for (int b = 0; b < kernels; b++) {
                        w[b] = (dO[gi + b] + dO[gj + b]) * c[cell + b];
                    }
                    for (int at = 0; at < width; at += kernels) {
                        for (int b = 0; b < kernels; b++) {
                            dm[di + at + b] -= Math.signum(mm[mi + at + b] - mm[mj + at + b]) * w[b];
                        }
                    }
                }
            }
        });
    }
}
