package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A grid of generated digits as a greyscale PNG: white digits on black, as MNIST is stored, 1-pixel gaps. */
public final class SampleSheet {
    private SampleSheet() {
    }

    /** @param images rows of side×side pixels in [0,1]; the first columns×columns rows are drawn */
    public static BufferedImage render(INDArray images, int columns) {
        int side = (int) Math.round(Math.sqrt(images.columns()));
        int cell = side + 1;
        BufferedImage img = new BufferedImage(columns * cell + 1, columns * cell + 1, BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = images.ravel().toFloatVector();
        int perImage = (int) images.columns();
        for (int k = 0; k < Math.min(images.rows(), (long) columns * columns); k++) {
            int ox = 1 + (k % columns) * cell;
            int oy = 1 + (k / columns) * cell;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    float v = Math.max(0f, Math.min(1f, pixels[k * perImage + y * side + x]));
                    int g = Math.round(v * 255f);
                    img.getRaster().setSample(ox + x, oy + y, 0, g);
                }
            }
        }
        return img;
    }

    public static void write(Path file, INDArray images, int columns) {
        BufferedImage img = render(images, columns);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new java.io.IOException("no PNG writer");
            }
        });
    }
}
