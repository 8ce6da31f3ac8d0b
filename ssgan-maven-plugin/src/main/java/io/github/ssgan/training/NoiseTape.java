package io.github.ssgan.training;

import io.github.ssgan.memory.OffHeap;
import io.github.ssgan.model.Generator;
import io.github.ssgan.model.Noise;
import io.github.ssgan.model.ParallelLoop;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All random draws of one training iteration (generator inputs and the discriminator's Gaussian noise), made ahead of
 * time so that a second thread can draw the next iteration's while the current one runs ({@link NoisePrefetcher}):
 * the 1.5 M normals of an iteration are a sizeable share of its time (see {@link io.github.ssgan.spec.Algorithm#V2}).
 * {@link #fill(Random)} makes the same ND4J random ops ({@link Noise#draw}, {@link Generator#drawNoise}), with the
 * same shapes and in the same order, as drawing each array on demand, so the numbers are the same; {@link #next}
 * checks that the steps consume them in exactly the order they were recorded and fails loudly otherwise.
 */
final class NoiseTape implements Noise {
    private static final double UNIFORM = -1;

    private final List<INDArray> draws = new ArrayList<>();
    private final List<Double> sigmas = new ArrayList<>();
    private int next;
    private float[] scratch = new float[0];

    /** Appends a rows×cols draw of U(0,1). */
    NoiseTape recordUniform(DataType type, long rows, long cols) {
        return record(type, rows, cols, UNIFORM);
    }

    /** Appends a rows×cols draw of N(0, σ²). */
    NoiseTape recordGaussian(DataType type, long rows, long cols, double sigma) {
        return record(type, rows, cols, sigma);
    }

    private NoiseTape record(DataType type, long rows, long cols, double sigma) {
        // outside any workspace: the arrays live as long as the trainer
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            draws.add(Nd4j.create(type, rows, cols));
        }
        sigmas.add(sigma);
        return this;
    }

    /** Draws every array from ND4J's {@code rng}, in recorded order, and rewinds. */
    void fill(Random rng) {
        for (int i = 0; i < draws.size(); i++) {
            double sigma = sigmas.get(i);
            if (sigma == UNIFORM) {
                Generator.drawNoise(draws.get(i), rng);
            } else {
                Noise.draw(draws.get(i), sigma, rng);
            }
        }
        next = 0;
    }

    /**
     * Draws every array from a Java generator, in recorded order, and rewinds: U(0,1) from nextDouble, N(0, σ²) as
     * σ·nextGaussian (Java's ziggurat), each rounded to the array's type.
     */
    void fill(SplittableRandom rng) {
        for (int i = 0; i < draws.size(); i++) {
            double sigma = sigmas.get(i);
            INDArray draw = draws.get(i);
            int n = (int) draw.length();
            if (draw.dataType() == DataType.FLOAT) {
                if (scratch.length < n) {
                    scratch = new float[n];
                }
                for (int k = 0; k < n; k++) {
                    scratch[k] = (float) (sigma == UNIFORM ? rng.nextDouble() : sigma * rng.nextGaussian());
                }
                OffHeap.floats(draw, n).put(scratch, 0, n);
            } else {
                DoubleBuffer out = OffHeap.doubles(draw, n);
                for (int k = 0; k < n; k++) {
                    out.put(k, sigma == UNIFORM ? rng.nextDouble() : sigma * rng.nextGaussian());
                }
            }
        }
        next = 0;
    }

    /** Values per block of {@link #fillInBlocks}: one stream each. */
    static final int BLOCK = 16_384;

    /**
     * Draws every array from Java generators split off {@code rng}, and rewinds: each array in blocks of {@link #BLOCK}
     * values, each block from its own {@code rng.split()}, split in the order of the arrays and their blocks; the
     * blocks are drawn over the compute threads ({@link ParallelLoop}), and since a block's values depend on its own
     * stream alone, they are the same however many threads draw them. U(0,1) from nextDouble, N(0, σ²) as
     * σ·nextGaussian, rounded to float. FLOAT arrays only.
     */
    void fillInBlocks(SplittableRandom rng) {
        List<int[]> blocks = new ArrayList<>();
        List<SplittableRandom> streams = new ArrayList<>();
        for (int i = 0; i < draws.size(); i++) {
            INDArray draw = draws.get(i);
            if (draw.dataType() != DataType.FLOAT) {
                throw new IllegalStateException("drawing in blocks fills FLOAT arrays, not " + draw.dataType());
            }
            int n = (int) draw.length();
            for (int from = 0; from < n; from += BLOCK) {
                blocks.add(new int[] {i, from, Math.min(n, from + BLOCK)});
                streams.add(rng.split());
            }
        }
        // a Gaussian draw costs about what a dozen multiply-adds do
        ParallelLoop.run(blocks.size(), BLOCK, 12, (first, last) -> {
            float[] values = new float[BLOCK];
            for (int b = first; b < last; b++) {
                int[] block = blocks.get(b);
                SplittableRandom stream = streams.get(b);
                double sigma = sigmas.get(block[0]);
                int length = block[2] - block[1];
                for (int k = 0; k < length; k++) {
                    values[k] = (float) (sigma == UNIFORM ? stream.nextDouble() : sigma * stream.nextGaussian());
                }
                INDArray draw = draws.get(block[0]);
                OffHeap.floats(draw, draw.length()).put(block[1], values, 0, length);
            }
        });
        next = 0;
    }

    /** The next U(0,1) draw. */
    INDArray uniform(long rows, long cols) {
        return next(rows, cols, UNIFORM);
    }

    @Override
    public INDArray gaussian(DataType type, long rows, long cols, double sigma) {
        INDArray draw = next(rows, cols, sigma);
        if (draw.dataType() != type) {
            throw new IllegalStateException("noise drawn as " + draw.dataType() + ", requested as " + type);
        }
        return draw;
    }

    /**
     * A view of this tape for a pass over the first {@code rows} of a pass recorded for {@code recordedRows}: each
     * Gaussian draw is the leading rows of the recorded one, so those rows get the noise they get in the full pass.
     */
    Noise leadingRows(long recordedRows, long rows) {
        return (type, r, cols, sigma) -> {
            if (r != rows) {
                throw new IllegalStateException("asked for " + r + " rows of a " + rows + "-row view");
            }
            return gaussian(type, recordedRows, cols, sigma).get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
        };
    }

    private INDArray next(long rows, long cols, double sigma) {
        if (next >= draws.size()) {
            throw new IllegalStateException("the iteration asked for more than the " + draws.size() + " recorded draws");
        }
        INDArray draw = draws.get(next);
        if (draw.rows() != rows || draw.columns() != cols || sigmas.get(next) != sigma) {
            throw new IllegalStateException(String.format("draw %d was recorded as %dx%d with sigma %s, requested as %dx%d with sigma %s",
                    next, draw.rows(), draw.columns(), sigmas.get(next), rows, cols, sigma));
        }
        next++;
        return draw;
    }
}
