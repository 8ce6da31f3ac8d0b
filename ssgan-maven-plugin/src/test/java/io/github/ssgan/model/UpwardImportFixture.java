package io.github.ssgan.model;

import io.github.ssgan.training.Trainer;

/** A deliberate upward import (model → training), for the layering test to catch; never used elsewhere. */
public final class UpwardImportFixture {
    private UpwardImportFixture() {
    }

    static int completedEpochs(Trainer trainer) {
        return trainer.completedEpochs();
    }
}
