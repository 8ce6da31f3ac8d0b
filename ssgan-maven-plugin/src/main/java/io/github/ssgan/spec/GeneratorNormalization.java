package io.github.ssgan.spec;

/** How the generator's hidden layers are normalised (Salimans et al. 2016, §3.5 for virtual batch norm). */
public enum GeneratorNormalization {
    /** Batch normalisation over the generated batch itself: every run before the option existed. */
    BATCH("batch"),
    /**
     * Virtual batch normalisation: each generated row normalised with the statistics of a reference batch fixed at
     * the start of training (combined with the row itself), so that a row's output does not depend on its batch.
     */
    VIRTUAL("virtual");

    public final String id;

    GeneratorNormalization(String id) {
        this.id = id;
    }

    /** @throws SpecException naming {@code parameter} and listing the allowed values, for null or an unknown one */
    public static GeneratorNormalization parse(String value, String parameter) {
        return EnumIds.parse(values(), n -> n.id, value, parameter, "generator normalization");
    }

    @Override
    public String toString() {
        return id;
    }
}
