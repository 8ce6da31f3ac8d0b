package io.github.ssgan.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SampleSheetTest {
    @TempDir
    Path dir;

    /** One 28×28 image: white except a grey pixel at (x 3, y 5), a dark one at the end and out-of-range values. */
    private static INDArray oneImage() {
        INDArray image = Nd4j.ones(DataType.FLOAT, 1, 784);
        image.putScalar(0, 5 * 28 + 3, 0.5);
        image.putScalar(0, 783, 0.2);
        image.putScalar(0, 1, 1.7);
        image.putScalar(0, 2, -0.4);
        return image;
    }

    /** 100 images of 28×28 as the trainer produces them: image 0 all white, image 11 with one grey pixel at (x 3, y 5). */
    private static INDArray hundredImages() {
        INDArray images = Nd4j.zeros(DataType.FLOAT, 100, 784);
        images.getRow(0).assign(1.0);
        images.putScalar(11, 5 * 28 + 3, 0.5);
        images.putScalar(99, 783, 0.2);
        return images;
    }

    private static BufferedImage readPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).isNotNull();
        return img;
    }

    @Test
    void writesATenByTenGridOf28PixelCellsWithOnePixelGaps() throws IOException {
        Path file = dir.resolve("samples").resolve("epoch-0001.png");

        SampleSheet.write(file, oneImage(), 10);

        BufferedImage img = readPng(file);
        assertThat(img.getWidth()).isEqualTo(291);
        assertThat(img.getHeight()).isEqualTo(291);
        Raster r = img.getRaster();
        assertThat(r.getNumBands()).isEqualTo(1);
        // the image fills the top-left cell inside a 1-pixel frame: a pixel of 1.0 is white
        assertThat(r.getSample(1, 1, 0)).isEqualTo(255);
        assertThat(r.getSample(27, 28, 0)).isEqualTo(255);
        assertThat(r.getSample(1 + 3, 1 + 5, 0)).isEqualTo(128);
        assertThat(r.getSample(28, 28, 0)).isEqualTo(51);
        // values outside [0,1] are clamped
        assertThat(r.getSample(2, 1, 0)).isEqualTo(255);
        assertThat(r.getSample(3, 1, 0)).isZero();
        // frame and gaps are black, as are the cells of missing images
        assertThat(r.getSample(0, 0, 0)).isZero();
        assertThat(r.getSample(0, 10, 0)).isZero();
        assertThat(r.getSample(10, 0, 0)).isZero();
        assertThat(r.getSample(29, 10, 0)).as("gap right of the first cell").isZero();
        assertThat(r.getSample(10, 29, 0)).as("gap below the first cell").isZero();
        assertThat(r.getSample(40, 10, 0)).as("second cell").isZero();
        assertThat(r.getSample(290, 290, 0)).isZero();
    }

    @Test
    void writesNoTemporaryFileBeside() throws IOException {
        SampleSheet.write(dir.resolve("s.png"), oneImage(), 10);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("s.png"));
        }
    }

    @Test
    void gridSizeFollowsTheColumnCount() {
        BufferedImage img = SampleSheet.render(oneImage(), 2);

        assertThat(img.getWidth()).isEqualTo(59);
        assertThat(img.getHeight()).isEqualTo(59);
        assertThat(img.getRaster().getSample(1, 1, 0)).isEqualTo(255);
    }

    @Test
    void drawsAHundredImagesRowByRow() throws IOException {
        Path file = dir.resolve("epoch-0001.png");

        SampleSheet.write(file, hundredImages(), 10);

        Raster r = readPng(file).getRaster();
        assertThat(r.getWidth()).isEqualTo(291);
        assertThat(r.getSample(1, 1, 0)).as("image 0").isEqualTo(255);
        assertThat(r.getSample(30, 1, 0)).as("image 1, all 0.0").isZero();
        // image 11 is row 1, column 1: its origin is (30, 30)
        assertThat(r.getSample(30 + 3, 30 + 5, 0)).isEqualTo(128);
        assertThat(r.getSample(30 + 5, 30 + 3, 0)).isZero();
        // image 99 is the last cell, origin (262, 262)
        assertThat(r.getSample(289, 289, 0)).isEqualTo(51);
        assertThat(r.getSample(290, 290, 0)).isZero();
    }
}
