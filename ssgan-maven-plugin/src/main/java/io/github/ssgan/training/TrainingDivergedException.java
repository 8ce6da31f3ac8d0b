package io.github.ssgan.training;

/** A loss became NaN or infinite; the last good checkpoint is kept. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
