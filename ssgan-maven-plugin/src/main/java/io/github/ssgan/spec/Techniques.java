package io.github.ssgan.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training techniques of Salimans et al. 2016 (§3) and of Bad GAN (Dai et al. 2017) that an experiment may
 * switch on, each off by default. An option is hashed (and so recorded in result.json) only when it is set, so that
 * every run made before the options existed keeps its configHash. They need algorithm {@code /3} or later: earlier
 * versions are frozen. None of them applies to a supervised baseline, which stays D on L_sup alone, so a baseline's
 * hashed settings leave them out.
 *
 * @param historicalAveraging      λ ≥ 0 of the historical averaging term λ‖θ − θ̄‖² on D's parameters (§3.3); 0: off
 * @param labelSmoothing           α in (0, 1]: the target of real unlabeled rows in L_unsup (one-sided, §3.4); 1: off
 * @param minibatchKernels         kernels B ≥ 0 of minibatch discrimination (§3.2); 0: off
 * @param minibatchKernelDimension dimension C &gt; 0 of each kernel; read only when minibatchKernels &gt; 0
 * @param generatorNormalization   the generator's batch norm, or virtual batch norm (§3.5)
 * @param entropyWeight            weight ≥ 0 of the conditional entropy of D's K classes on unlabeled rows; 0: off
 * @param pullAwayWeight           weight ≥ 0 of the pull-away term on generated rows' features in G's loss; 0: off
 */
public record Techniques(
        double historicalAveraging,
        double labelSmoothing,
        int minibatchKernels,
        int minibatchKernelDimension,
        GeneratorNormalization generatorNormalization,
        double entropyWeight,
        double pullAwayWeight) {

    /** The kernel dimension C unless set: the paper's code uses 5. */
    public static final int DEFAULT_MINIBATCH_KERNEL_DIMENSION = 5;

    /** Every technique off: the training of every run made before they existed. */
    public static final Techniques NONE = new Techniques(0, 1, 0, DEFAULT_MINIBATCH_KERNEL_DIMENSION,
            GeneratorNormalization.BATCH, 0, 0);

    /** The options' names, as a POM and a result's config spell them, in the order a person would write them. */
    public static final List<String> NAMES = List.of("historicalAveraging", "labelSmoothing", "minibatchKernels",
            "minibatchKernelDimension", "generatorNormalization", "entropyWeight", "pullAwayWeight");

    public Techniques {
        generatorNormalization = generatorNormalization == null ? GeneratorNormalization.BATCH : generatorNormalization;
    }

    /** Whether every technique is off, so that the run trains as it did before they existed. */
    public boolean isDefault() {
        return hashed().isEmpty();
    }

    /**
     * The options that are set, by name: what joins the hashed settings. The kernel dimension counts only with
     * kernels, where it is always recorded (then it changes the numbers, even at its default).
     */
    public Map<String, Object> hashed() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (historicalAveraging != NONE.historicalAveraging) {
            m.put("historicalAveraging", historicalAveraging);
        }
        if (labelSmoothing != NONE.labelSmoothing) {
            m.put("labelSmoothing", labelSmoothing);
        }
        if (minibatchKernels != NONE.minibatchKernels) {
            m.put("minibatchKernels", minibatchKernels);
            m.put("minibatchKernelDimension", minibatchKernelDimension);
        }
        if (generatorNormalization != NONE.generatorNormalization) {
            m.put("generatorNormalization", generatorNormalization.id);
        }
        if (entropyWeight != NONE.entropyWeight) {
            m.put("entropyWeight", entropyWeight);
        }
        if (pullAwayWeight != NONE.pullAwayWeight) {
            m.put("pullAwayWeight", pullAwayWeight);
        }
        return m;
    }

    /**
     * Checks each value, then that a set one runs on an algorithm that has it.
     *
     * @param where the experiment's prefix of the parameter names, {@code "experiment 'id' "}
     * @throws SpecException naming the option
     */
    public void validate(String where, Algorithm algorithm) {
        nonNegative(where + "historicalAveraging", historicalAveraging);
        if (!(labelSmoothing > 0 && labelSmoothing <= 1)) {
            throw new SpecException(where + "labelSmoothing", labelSmoothing + " is outside (0, 1] (1: off)");
        }
        if (minibatchKernels < 0) {
            throw new SpecException(where + "minibatchKernels", minibatchKernels + " must be non-negative (0: off)");
        }
        if (minibatchKernelDimension <= 0) {
            throw new SpecException(where + "minibatchKernelDimension", minibatchKernelDimension + " must be positive");
        }
        nonNegative(where + "entropyWeight", entropyWeight);
        nonNegative(where + "pullAwayWeight", pullAwayWeight);
        String set = hashed().keySet().stream().findFirst().orElse(null);
        if (set != null && !algorithm.hasTechniques()) {
            throw new SpecException(where + set, "needs algorithm " + Algorithm.V3.id + " or later; "
                    + algorithm.id + " is frozen as its results were made");
        }
    }

    private static void nonNegative(String parameter, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new SpecException(parameter, value + " must be a non-negative number (0: off)");
        }
    }
}
