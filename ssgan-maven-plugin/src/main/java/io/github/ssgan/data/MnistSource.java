package io.github.ssgan.data;

import java.io.IOException;
import java.nio.file.Path;

/** One place the MNIST files may come from. */
public interface MnistSource {
    /** Shown in logs and in the error that lists what was tried. */
    String description();

    /** Puts the four IDX files (raw or .gz) into the empty directory {@code target}, or throws saying why not. */
    void fetchInto(Path target) throws IOException, InterruptedException;
}
