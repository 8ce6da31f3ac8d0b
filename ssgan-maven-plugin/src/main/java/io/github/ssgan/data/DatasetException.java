package io.github.ssgan.data;

/** The dataset is missing, unreadable or not the pinned one. The message says which file and what to do. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
