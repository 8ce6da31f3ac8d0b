package io.github.ssgan.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GemmTest {
    @Test
    void productsMatchNd4jAndAreTallied() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 5);
        INDArray c = Nd4j.rand(DataType.FLOAT, 4, 5);
        INDArray accumulated = c.dup();
        Gemm.resetTally();

        INDArray product = Gemm.multiply(a, b, false, false);
        Gemm.into(a, product, accumulated, true, false, 1.0); // aᵀ (4×3) · product (3×5), added to c

        assertThat(product).isEqualTo(a.mmul(b));
        assertThat(accumulated.equalsWithEps(c.add(a.transpose().mmul(product)), 1e-5)).isTrue();
        assertThat(Gemm.tallyFlops()).isEqualTo(2.0 * 3 * 5 * 4 + 2.0 * 4 * 5 * 3);
        assertThat(Gemm.tallyNanos()).isPositive();
        Gemm.resetTally();
        assertThat(Gemm.tallyFlops()).isZero();
        assertThat(Gemm.tallyNanos()).isZero();
    }
}
