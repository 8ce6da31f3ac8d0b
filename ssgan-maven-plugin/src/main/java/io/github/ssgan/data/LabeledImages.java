package io.github.ssgan.data;

import io.github.ssgan.memory.OffHeap;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Images as rows of a float32 matrix with pixels scaled to [0,1], and their class labels. */
public record LabeledImages(INDArray images, int[] labels, int classes) {

    public static LabeledImages fromIdx(IdxFile images, IdxFile labels, String name) {
        int n = images.dimensions()[0];
        if (labels.dimensions()[0] != n) {
            throw new DatasetException(name + ": " + n + " images but " + labels.dimensions()[0] + " labels");
        }
        int pixels = images.data().length / Math.max(n, 1);
        float[] values = new float[images.data().length];
        byte[] raw = images.data();
        for (int i = 0; i < raw.length; i++) {
            values[i] = (raw[i] & 0xff) / 255f;
        }
        int[] y = new int[n];
        int classes = 0;
        for (int i = 0; i < n; i++) {
            y[i] = labels.data()[i] & 0xff;
            classes = Math.max(classes, y[i] + 1);
        }
        return new LabeledImages(Nd4j.create(values, new long[] {n, pixels}, 'c'), y, classes);
    }

    public int size() {
        return labels.length;
    }

    public int pixels() {
        return (int) images.columns();
    }

    public int[] classCounts() {
        return Stratified.counts(labels, classes);
    }

    /** The given rows, in the given order. */
    public LabeledImages subset(int[] rows) {
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labels[rows[i]];
        }
        return new LabeledImages(images.getRows(rows), y, classes);
    }

    /**
     * Copies the images of {@code rows} into consecutive rows of {@code batch}, starting at row {@code firstRow}: a
     * plain memory copy per image (ND4J's pullRows took 2 ms for a batch of 300).
     */
    public void copyInto(int[] rows, INDArray batch, int firstRow) {
        int pixels = pixels();
        if (batch.columns() != pixels || firstRow < 0 || firstRow + rows.length > batch.rows()) {
            throw new IllegalArgumentException("cannot copy " + rows.length + " images of " + pixels + " pixels into row "
                    + firstRow + " of " + batch.shapeInfoToString());
        }
        // OffHeap refuses anything but dense row-major FLOAT memory, for the images and the batch alike
        FloatBuffer from = OffHeap.floats(images, images.length());
        FloatBuffer to = OffHeap.floats(batch, batch.length());
        for (int i = 0; i < rows.length; i++) {
            int start = Math.multiplyExact(rows[i], pixels);
            from.limit(start + pixels).position(start);
            to.position((firstRow + i) * pixels);
            to.put(from);
        }
    }

    @Override
    public String toString() {
        return "LabeledImages[" + size() + " x " + pixels() + ", classes " + Arrays.toString(classCounts()) + "]";
    }
}
