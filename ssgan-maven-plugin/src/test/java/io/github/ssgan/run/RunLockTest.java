package io.github.ssgan.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-run lock against another process (a second build: {@link RunLockHolder} in a child JVM) and another thread:
 * the second one waits, is told who holds the lock, and goes on once it is released or its holder dies.
 */
class RunLockTest {
    @TempDir
    Path tmp;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
    }

    private Path lockFile() {
        return tmp.resolve("e/seed-1/.lock");
    }

    /** A child JVM running {@link RunLockHolder}. */
    private static Process start(String mode, Path file) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunLockHolder.class.getName(), mode, file.toString())
                .redirectErrorStream(true).start();
    }

    private static String firstLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    /** Starts acquiring in the background, recording what it is told while it waits. */
    private static CompletableFuture<RunLock> acquireInBackground(Path file, List<String> told) {
        return CompletableFuture.supplyAsync(() -> RunLock.acquire(file, told::add));
    }

    /** Waits until the waiter has been told it waits, then checks it still waits. */
    private static void assertWaits(CompletableFuture<RunLock> waiter, List<String> told) throws InterruptedException {
        for (int i = 0; i < 100 && told.isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(told).as("the waiter is told that it waits").hasSize(1);
        Thread.sleep(3 * RunLock.POLL_MILLIS);
        assertThat(waiter).as("the waiter waits while the lock is held").isNotDone();
    }

    @Test
    void aSecondProcessWaitsUntilTheHolderReleasesAndIsToldWhoHoldsIt() throws Exception {
        child = start("hold", lockFile());
        assertThat(firstLine(child)).isEqualTo("locked");
        assertThat(Files.readString(lockFile())).startsWith("pid " + child.pid() + " (parent pid "
                + ProcessHandle.current().pid() + ") on ").contains(", since ");

        List<String> told = new CopyOnWriteArrayList<>();
        CompletableFuture<RunLock> waiter = acquireInBackground(lockFile(), told);
        assertWaits(waiter, told);
        assertThat(told.get(0)).startsWith("pid " + child.pid() + " ");

        child.getOutputStream().close(); // the holder releases
        try (RunLock lock = waiter.get(30, TimeUnit.SECONDS)) {
            assertThat(told).hasSize(1);
            // read from another process: closing a file this JVM holds a lock on would release the lock (POSIX)
            Process probe = start("probe", lockFile());
            assertThat(firstLine(probe)).startsWith("held by pid " + ProcessHandle.current().pid() + " ");
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(lockFile())).as("a released lock names nobody").isEmpty();
    }

    @Test
    void aKilledHolderLeavesNoStaleLock() throws Exception {
        child = start("hold", lockFile());
        assertThat(firstLine(child)).isEqualTo("locked");
        List<String> told = new CopyOnWriteArrayList<>();
        CompletableFuture<RunLock> waiter = acquireInBackground(lockFile(), told);
        assertWaits(waiter, told);

        child.destroyForcibly().waitFor(); // kill -9: the operating system drops its lock
        waiter.get(30, TimeUnit.SECONDS).close();

        // and a build that comes later does not wait at all, although the killed holder's description is still there
        child = start("hold", lockFile());
        assertThat(firstLine(child)).isEqualTo("locked");
        child.destroyForcibly().waitFor();
        assertThat(Files.readString(lockFile())).startsWith("pid " + child.pid() + " ");
        told.clear();
        RunLock.acquire(lockFile(), told::add).close();
        assertThat(told).isEmpty();
    }

    @Test
    void threadsOfOneJvmTakeTurnsAndTheWaiterLeavesTheHoldersLockInPlace() throws Exception {
        RunLock first = RunLock.acquire(lockFile(), holder -> {
            throw new AssertionError("nobody holds it yet");
        });
        List<String> told = new CopyOnWriteArrayList<>();
        CompletableFuture<RunLock> waiter = acquireInBackground(lockFile(), told);
        try {
            assertWaits(waiter, told);
            assertThat(told.get(0)).startsWith("pid " + ProcessHandle.current().pid() + " ").endsWith("(in this JVM)");
            // another process still finds it locked: the waiting thread has not released it by closing a channel
            child = start("probe", lockFile());
            assertThat(firstLine(child)).startsWith("held by pid " + ProcessHandle.current().pid() + " ");
        } finally {
            first.close();
        }
        waiter.get(30, TimeUnit.SECONDS).close();
        child = start("probe", lockFile());
        assertThat(firstLine(child)).isEqualTo("free");
    }

    @Test
    void tryAcquireGivesUpAtOnceWhileAnotherThreadHoldsTheLockAndTakesItOnceFree() throws Exception {
        RunLock first = RunLock.acquire(lockFile(), holder -> {
            throw new AssertionError("nobody holds it yet");
        });
        try {
            assertThat(CompletableFuture.supplyAsync(() -> RunLock.tryAcquire(lockFile())).get(30, TimeUnit.SECONDS))
                    .isEmpty();
            // and without releasing the holder's lock by opening and closing a channel of its own
            child = start("probe", lockFile());
            assertThat(firstLine(child)).startsWith("held by pid " + ProcessHandle.current().pid() + " ");
        } finally {
            first.close();
        }
        Optional<RunLock> taken = CompletableFuture.supplyAsync(() -> RunLock.tryAcquire(lockFile()))
                .get(30, TimeUnit.SECONDS);
        assertThat(taken).isPresent();
        try (RunLock lock = taken.get()) {
            assertThat(lock.file()).isEqualTo(lockFile().toAbsolutePath().normalize());
            // the file names its holder, read from another process as a waiting build reads it
            child = start("probe", lockFile());
            assertThat(firstLine(child)).startsWith("held by pid " + ProcessHandle.current().pid() + " (parent pid ")
                    .contains(", since ");
        }
        assertThat(RunLock.tryAcquire(lockFile())).hasValueSatisfying(RunLock::close);
    }

    @Test
    void tryAcquireGivesUpAtOnceWhileAnotherProcessHoldsTheLock() throws Exception {
        child = start("hold", lockFile());
        assertThat(firstLine(child)).isEqualTo("locked");
        assertThat(RunLock.tryAcquire(lockFile())).isEmpty();
        // giving up closed this JVM's channel, which holds no lock: the holder's stays
        Process probe = start("probe", lockFile());
        assertThat(firstLine(probe)).startsWith("held by pid " + child.pid() + " ");

        child.getOutputStream().close(); // the holder releases
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Optional<RunLock> taken = RunLock.tryAcquire(lockFile());
        assertThat(taken).isPresent();
        taken.get().close();
    }
}
