package io.github.ssgan.spec;

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
        return EnumIds.parse(values(), l -> l.id, value, parameter, "generator loss");
    }

    @Override
    public String toString() {
        return id;
    }
}
