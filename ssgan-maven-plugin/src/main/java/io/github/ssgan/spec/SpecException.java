package io.github.ssgan.spec;

/** An invalid experiment specification. The message starts with the offending parameter. */
public class SpecException extends IllegalArgumentException {
    public SpecException(String parameter, String problem) {
        super(parameter + ": " + problem);
    }
}
