package io.github.ssgan.model;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model's matrix products, each into an explicitly allocated result: the one BLAS entry point, in two ways that
 * an algorithm version chooses between ({@link Numerics}).
 *
 * <p>{@link #ND4J}: {@code Nd4j.gemm} into a preallocated result. Measured on 2 cores at this model's shapes,
 * {@code a.mmul(b)} and the allocating {@code Nd4j.gemm(a, b, ta, tb)} reach 8–60 GFLOP/s while the same sgemm into
 * a preallocated result reaches 70–160 GFLOP/s.
 *
 * <p>{@link #DIRECT}: one {@code cblas_sgemm} (or {@code cblas_dgemm}) call of the OpenBLAS that ND4J itself loads
 * (the bytedeco preset), on the arrays' own memory: the transposes are BLAS flags and the leading dimensions the
 * arrays' row strides, so nothing is copied. Measured on one core of a 2-core EPYC, it ran 6–47 % faster than
 * {@code Nd4j.gemm} at the model's shapes (most at the small ones: 300×250×250 115 against 78 GFLOP/s) and 2.7× at the
 * classifier's 10 columns, where ND4J's own work per call dominates; at 2048³ both reach the same rate. Both end in
 * the same sgemm: at the model's shapes the bits are the same.
 *
 * <p>Every product's time and operation count is tallied (two clock reads against tens of microseconds per product),
 * so the benchmark can say how much of an epoch is matrix products.
 */
public enum Gemm {
    ND4J {
        @Override
        void product(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
        }
    },
    DIRECT {
        @Override
        void product(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
            if (!isRowMajor(c)) {
                throw new IllegalArgumentException("the result must be a row-major matrix, got " + c.shapeInfoToString());
            }
            if (a.dataType() != c.dataType() || b.dataType() != c.dataType()) {
                throw new IllegalArgumentException("mixed types " + a.dataType() + ", " + b.dataType() + ", " + c.dataType());
            }
            int m = (int) c.rows();
            int n = (int) c.columns();
            int k = (int) (transposeA ? a.rows() : a.columns());
            if ((transposeA ? a.columns() : a.rows()) != m || (transposeB ? b.columns() : b.rows()) != k
                    || (transposeB ? b.rows() : b.columns()) != n) {
                throw new IllegalArgumentException("shapes do not multiply: " + a.shapeInfoToString() + (transposeA ? "ᵀ" : "")
                        + " · " + b.shapeInfoToString() + (transposeB ? "ᵀ" : "") + " into " + c.shapeInfoToString());
            }
            if (m == 0 || n == 0) {
                return;
            }
            // a matrix stored column-major is its transpose stored row-major: flip the flag instead of copying
            int ta = flag(a, transposeA);
            int tb = flag(b, transposeB);
            int lda = leading(a);
            int ldb = leading(b);
            int ldc = (int) Math.max(1, c.stride(0));
            if (c.dataType() == DataType.FLOAT) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1f,
                        new FloatPointer(a.data().addressPointer()), lda, new FloatPointer(b.data().addressPointer()), ldb,
                        (float) beta, new FloatPointer(c.data().addressPointer()), ldc);
            } else if (c.dataType() == DataType.DOUBLE) {
                openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1.0,
                        new DoublePointer(a.data().addressPointer()), lda, new DoublePointer(b.data().addressPointer()), ldb,
                        beta, new DoublePointer(c.data().addressPointer()), ldc);
            } else {
                throw new IllegalArgumentException("no BLAS product for " + c.dataType());
            }
        }
    };

    private static final LongAdder NANOS = new LongAdder();
    private static final DoubleAdder FLOPS = new DoubleAdder();

    /** Whether the BLAS must read {@code x} transposed, as the row-major matrix it stores. */
    private static int flag(INDArray x, boolean transpose) {
        boolean rowMajor = isRowMajor(x);
        if (!rowMajor && !isColumnMajor(x)) {
            throw new IllegalArgumentException("neither row- nor column-major: " + x.shapeInfoToString());
        }
        return transpose == rowMajor ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    }

    /** The stride between the rows (row-major) or columns (column-major) of the stored matrix. */
    private static int leading(INDArray x) {
        long ld = isRowMajor(x) ? x.stride(0) : x.stride(1);
        long minimum = isRowMajor(x) ? x.columns() : x.rows();
        return (int) Math.max(Math.max(1, minimum), ld);
    }

    private static boolean isRowMajor(INDArray x) {
        return x.rank() == 2 && (x.columns() == 1 || x.stride(1) == 1) && (x.rows() == 1 || x.stride(0) >= x.columns());
    }

    private static boolean isColumnMajor(INDArray x) {
        return x.rank() == 2 && (x.rows() == 1 || x.stride(0) == 1) && (x.columns() == 1 || x.stride(1) >= x.rows());
    }

    /** c = op(a)·op(b) + beta·c, untallied. */
    abstract void product(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta);

    /** op(a)·op(b) into a new, uninitialised result. */
    INDArray multiply(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        long rows = transposeA ? a.columns() : a.rows();
        long cols = transposeB ? b.rows() : b.columns();
        INDArray c = Nd4j.createUninitialized(a.dataType(), rows, cols);
        into(a, b, c, transposeA, transposeB, 0.0);
        return c;
    }

    /** c = op(a)·op(b) + beta·c. */
    void into(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        long t0 = System.nanoTime();
        product(a, b, c, transposeA, transposeB, beta);
        NANOS.add(System.nanoTime() - t0);
        FLOPS.add(2.0 * c.rows() * c.columns() * (transposeA ? a.rows() : a.columns()));
    }

    /** The best rate of a few n×n×n float products in GFLOP/s, for the benchmark's peak. */
    public double peakGflops(int n, int repetitions) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double best = 0;
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            product(a, b, c, false, false, 0.0);
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, 2.0 * n * n * n / s / 1e9);
        }
        return best;
    }

    /** Nanoseconds spent in matrix products since the last {@link #resetTally()}. */
    public static long tallyNanos() {
        return NANOS.sum();
    }

    /** Floating-point operations (2 per multiply-add) of those products. */
    public static double tallyFlops() {
        return FLOPS.sum();
    }

    public static void resetTally() {
        NANOS.reset();
        FLOPS.reset();
    }
}
