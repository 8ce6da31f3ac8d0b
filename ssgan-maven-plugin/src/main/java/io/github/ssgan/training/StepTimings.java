package io.github.ssgan.training;

/** Where an epoch's time went, in nanoseconds. Filled by {@link Trainer}; read by the benchmark. */
public final class StepTimings {
    /** Gathering the batches, and waiting for the noise thread's draws. */
    public long data;
    public long discriminator;
    public long generator;
    public long evaluation;

    public long total() {
        return data + discriminator + generator + evaluation;
    }
}
