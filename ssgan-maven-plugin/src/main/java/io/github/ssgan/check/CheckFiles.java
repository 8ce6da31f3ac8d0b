package io.github.ssgan.check;

import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes the machine-readable results of a check: the JUnit XML and the Markdown summary, each atomically. */
public final class CheckFiles {
    private CheckFiles() {
    }

    /** The two files in this directory. */
    public record Written(Path junitXml, Path markdown) {
    }

    public static Written write(GateResult result, Path directory) {
        Path xml = directory.resolve(JUnitXml.FILE_NAME);
        Path md = directory.resolve(MarkdownSummary.FILE_NAME);
        AtomicFiles.write(xml, out -> JUnitXml.write(result, out));
        AtomicFiles.writeString(md, MarkdownSummary.render(result));
        return new Written(xml, md);
    }

    /**
     * Appends the summary to a GitHub Actions job summary ({@code $GITHUB_STEP_SUMMARY}): appended, not replaced,
     * since other steps of the job write there too.
     */
    public static void appendToJobSummary(GateResult result, Path stepSummary) {
        try {
            Files.writeString(stepSummary, MarkdownSummary.render(result) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + stepSummary + ": " + e.getMessage(), e);
        }
    }
}
