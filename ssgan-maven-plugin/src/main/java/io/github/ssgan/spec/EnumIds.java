package io.github.ssgan.spec;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parsing the values a POM names by id ({@link Algorithm}, {@link GeneratorLoss}, {@link GeneratorNormalization}). */
final class EnumIds {
    private EnumIds() {
    }

    /**
     * The constant whose id is {@code value} (trimmed).
     *
     * @param what what the value is, for the message: "unknown {what} 'value'"
     * @throws SpecException naming {@code parameter} and listing the allowed ids, for null or an unknown value
     */
    static <T extends Enum<T>> T parse(T[] values, Function<T, String> id, String value, String parameter, String what) {
        for (T t : values) {
            if (value != null && id.apply(t).equals(value.trim())) {
                return t;
            }
        }
        throw new SpecException(parameter, (value == null ? "not set" : "unknown " + what + " '" + value + "'")
                + "; allowed values: " + Arrays.stream(values).map(id).collect(Collectors.joining(", ")));
    }
}
