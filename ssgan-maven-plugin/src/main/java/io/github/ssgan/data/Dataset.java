package io.github.ssgan.data;

import java.util.Map;

/**
 * A train/test split with the SHA-256 of each source file, which every result records as its dataset provenance.
 */
public record Dataset(String name, LabeledImages train, LabeledImages test, Map<String, String> sha256) {
    /** Subsets are the same for every run of a build, whatever its seed, so experiments stay comparable. */
    private static final long LIMIT_SEED = 0x5EEDL;

    /**
     * A seeded, class-stratified subset of exactly trainLimit / testLimit images (0 or more than available: all),
     * for quick runs.
     */
    public Dataset limit(int trainLimit, int testLimit) {
        return new Dataset(name, limit(train, trainLimit), limit(test, testLimit), sha256);
    }

    private static LabeledImages limit(LabeledImages images, int limit) {
        if (limit <= 0 || limit >= images.size()) {
            return images;
        }
        return images.subset(Stratified.proportional(images.labels(), images.classes(), limit, LIMIT_SEED));
    }
}
