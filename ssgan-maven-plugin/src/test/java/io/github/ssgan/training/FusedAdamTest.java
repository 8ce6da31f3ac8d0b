package io.github.ssgan.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssgan.model.ParallelLoop;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** /3's Adam is /2's, element for element: the same bits as {@link PaperAdam}, however the work is split. */
class FusedAdamTest {
    @Test
    void theBitsOfPaperAdamWithAndWithoutAnAverageOnOneTwoAndThreeThreads() {
        int n = 3 * FusedAdam.CHUNK * 40 + 17; // large enough to split three ways, in chunks that do not divide it evenly
        INDArray start = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5);
        INDArray[] gradients = new INDArray[4];
        for (int t = 0; t < gradients.length; t++) {
            gradients[t] = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5).muli(t == 2 ? 1e-6 : 1.0);
        }
        int threads = ParallelLoop.threads();
        try {
            for (boolean withAverage : new boolean[] {true, false}) {
                INDArray p = start.dup();
                INDArray average = withAverage ? start.dup() : null;
                PaperAdam paper = new PaperAdam(p, 0.003, 0.5, 0.999);
                for (int t = 0; t < gradients.length; t++) {
                    paper.step(p, gradients[t], t, average, 0.99);
                }
                for (int count : new int[] {1, 2, 3}) {
                    ParallelLoop.setThreads(count);
                    INDArray q = start.dup();
                    INDArray qAverage = withAverage ? start.dup() : null;
                    FusedAdam fused = new FusedAdam(q, 0.003, 0.5, 0.999);
                    for (int t = 0; t < gradients.length; t++) {
                        fused.step(q, gradients[t], t, qAverage, 0.99);
                    }
                    assertThat(q).as("parameters, %d threads", count).isEqualTo(p);
                    assertThat(fused.state()).as("moments, %d threads", count).isEqualTo(paper.state());
                    if (withAverage) {
                        assertThat(qAverage).as("average, %d threads", count).isEqualTo(average);
                    }
                }
            }
        } finally {
            ParallelLoop.setThreads(threads);
        }
    }
}
