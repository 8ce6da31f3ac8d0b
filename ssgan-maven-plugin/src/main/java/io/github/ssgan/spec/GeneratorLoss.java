package io.github.ssgan.spec;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How the generator is trained. */
public enum GeneratorLoss {
    /** ‖E f(x) − E f(G(z))‖² over the discriminator's last hidden layer (the paper's choice for SSL). */
    FEATURE_MATCHING("feature-matching"),
    /** Feature matching plus the non-saturating cost −E log p(real|G(z)). */
    COMBINED("combined");

    public final String id;

    GeneratorLoss(String id) {
        this.id = id;
    }

    public static GeneratorLoss parse(String value, String parameter) {
        if (value == null) {
            throw new SpecException(parameter, "not set; allowed values: "
                    + Arrays.stream(values()).map(l -> l.id).collect(Collectors.joining(", ")));
        }
        for (GeneratorLoss l : values()) {
            if (l.id.equals(value.trim())) {
                return l;
            }
        }
        throw new SpecException(parameter, "unknown generator loss '" + value + "'; allowed values: "
                + Arrays.stream(values()).map(l -> l.id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
