package io.github.ssgan.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** The output directories a reading goal (report, check) takes: the ones given, or where train writes by default. */
final class ResultDirectories {
    private ResultDirectories() {
    }

    static List<Path> orDefault(List<File> given, Path buildDirectory) {
        return given == null || given.isEmpty() ? List.of(buildDirectory.resolve("ssgan"))
                : given.stream().map(File::toPath).toList();
    }
}
