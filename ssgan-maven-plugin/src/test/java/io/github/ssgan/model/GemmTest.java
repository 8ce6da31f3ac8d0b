package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GemmTest {
    @ParameterizedTest
    @EnumSource(Gemm.class)
    void productsMatchNd4jAndAreTallied(Gemm gemm) {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 5);
        INDArray c = Nd4j.rand(DataType.FLOAT, 4, 5);
        INDArray accumulated = c.dup();
        Gemm.resetTally();

        INDArray product = gemm.multiply(a, b, false, false);
        gemm.into(a, product, accumulated, true, false, 1.0); // aᵀ (4×3) · product (3×5), added to c

        assertThat(product.equalsWithEps(a.mmul(b), 1e-6)).isTrue();
        assertThat(accumulated.equalsWithEps(c.add(a.transpose().mmul(product)), 1e-5)).isTrue();
        assertThat(Gemm.tallyFlops()).isEqualTo(2.0 * 3 * 5 * 4 + 2.0 * 4 * 5 * 3);
        assertThat(Gemm.tallyNanos()).isPositive();
        Gemm.resetTally();
        assertThat(Gemm.tallyFlops()).isZero();
        assertThat(Gemm.tallyNanos()).isZero();
    }

    /**
     * The direct call reads the arrays where ND4J keeps them: views with an offset and a row stride (rows of a larger
     * matrix, slices of a flat parameter vector), transposes as flags, column-major arrays as their row-major transpose;
     * it writes into a row range of a larger result and leaves the rest alone.
     */
    @Test
    void directCallsTakeViewsTransposesAndColumnMajorArraysWithoutCopies() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double eps = type == DataType.FLOAT ? 1e-4 : 1e-12;
            INDArray big = Nd4j.rand(type, 9, 6).subi(0.5);
            INDArray rows = big.get(NDArrayIndex.interval(2, 7), NDArrayIndex.all()); // 5×6 at offset 12
            INDArray flat = Nd4j.rand(type, 1, 100).subi(0.5);
            INDArray slice = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(13, 13 + 24)).reshape('c', 6, 4);
            INDArray columnMajor = Nd4j.rand(type, 'f', 6, 4).subi(0.5);
            for (INDArray b : new INDArray[] {slice, columnMajor}) {
                INDArray expected = rows.mmul(b);
                INDArray out = Nd4j.rand(type, 8, 4);
                INDArray untouched = out.dup();
                INDArray target = out.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all());
                Gemm.DIRECT.into(rows, b, target, false, false, 0.0);
                assertThat(target.equalsWithEps(expected, eps)).as("%s %s", type, b.ordering()).isTrue();
                assertThat(out.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()))
                        .isEqualTo(untouched.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()));
                // transposed operands: (bᵀ)ᵀ = b, and rowsᵀ·rows
                INDArray bt = b.transpose();
                assertThat(Gemm.DIRECT.multiply(rows, bt, false, true).equalsWithEps(expected, eps)).isTrue();
                assertThat(Gemm.DIRECT.multiply(rows, rows, true, false)
                        .equalsWithEps(rows.transpose().mmul(rows), eps)).isTrue();
                assertThat(Gemm.DIRECT.multiply(rows.transpose(), bt, true, true).equalsWithEps(expected, eps)).isTrue();
            }
        }
    }

    /** At the model's shapes the direct call gives ND4J's own bits: both end in the same sgemm. */
    @Test
    void directCallsGiveNd4jsBitsAtALayersShape() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 300, 250).subi(0.5);
        INDArray v = Nd4j.rand(DataType.FLOAT, 250, 250).subi(0.5);
        for (boolean[] t : new boolean[][] {{false, false}, {true, false}, {false, true}}) {
            INDArray a = t[0] ? x.transpose().dup() : x;
            INDArray expected = Gemm.ND4J.multiply(t[0] ? a : x, v, t[0], t[1]);
            assertThat(Gemm.DIRECT.multiply(t[0] ? a : x, v, t[0], t[1])).isEqualTo(expected);
        }
    }

    @Test
    void directCallsRefuseWhatTheyCannotMultiply() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertThatThrownBy(() -> Gemm.DIRECT.multiply(a, Nd4j.rand(DataType.FLOAT, 5, 2), false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not multiply");
        assertThatThrownBy(() -> Gemm.DIRECT.multiply(a, Nd4j.rand(DataType.DOUBLE, 4, 2), false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixed types");
    }

    @Test
    void bothWaysMeasureAPeak() {
        for (Gemm gemm : Gemm.values()) {
            assertThat(gemm.peakGflops(64, 2)).isPositive();
        }
    }
}
