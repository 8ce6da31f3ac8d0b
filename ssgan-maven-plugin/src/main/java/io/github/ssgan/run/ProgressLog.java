package io.github.ssgan.run;

/** Where the engine reports progress; the Maven adapter maps it to the build log. */
public interface ProgressLog {
    void info(String message);

    void warn(String message);

    ProgressLog SILENT = new ProgressLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
