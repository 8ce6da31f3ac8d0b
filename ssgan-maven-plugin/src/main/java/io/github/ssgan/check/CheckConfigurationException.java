package io.github.ssgan.check;

/** A rule that cannot be evaluated as written; the message names the rule (index and experiment) and the problem. */
public class CheckConfigurationException extends IllegalArgumentException {
    public CheckConfigurationException(String message) {
        super(message);
    }
}
