package io.github.ssgan.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One writer per run directory: an exclusive {@link FileChannel} lock on the run's lock file, held while the run is
 * checked, trained and written. Two builds on one output directory (a double-triggered CI job) would otherwise train
 * the same run and overwrite each other's files; with it the second waits, then finds the run up to date or resumes
 * from the checkpoint the first left.
 *
 * <p>The operating system drops the lock when its process dies, so a killed build never leaves a stale lock. The
 * holder writes who it is into the file, so that a waiting build can say whom it waits for; the file stays (deleting
 * it would let a waiter lock a deleted file while a third build locks a new one).
 */
public final class RunLock implements AutoCloseable {
    /**
     * The locked byte lies past the holder's description: where locks are mandatory (Windows), a locked range cannot
     * be read, and waiters must read the description.
     */
    static final long LOCKED_POSITION = 1 << 16;
    static final long POLL_MILLIS = 200;

    /**
     * Lock files held in this JVM, by their holder. A file lock belongs to the whole process, and a JVM must not even
     * open a second channel on a file it holds a lock on: closing that channel releases the lock (POSIX record locks;
     * so on Linux with Java 17). A second run in this JVM therefore waits here and learns the holder from here.
     */
    private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();

    /** Compared by identity, so that a thread only ever removes its own entry. */
    private static final class Holder {
        volatile String description;

        Holder(String description) {
            this.description = description;
        }
    }

    private final Path file;
    private final Holder holder;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, Holder holder, FileChannel channel, FileLock lock) {
        this.file = file;
        this.holder = holder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on this file (created with its directories), waiting as long as another process or thread
     * holds it: the holder may be training for hours, and any timeout would be arbitrary. Calls {@code waiting} once,
     * with the holder's description, if it has to wait.
     */
    public static RunLock acquire(Path file, Consumer<String> waiting) {
        return take(file, Objects.requireNonNull(waiting)).orElseThrow();
    }

    /**
     * Takes the lock on this file (created with its directories) if nobody holds it, else returns at once: empty
     * while another process or another thread of this JVM holds it.
     */
    public static Optional<RunLock> tryAcquire(Path file) {
        return take(file, null);
    }

    /** {@link #acquire} when {@code waiting} is given; {@link #tryAcquire} (empty instead of waiting) when null. */
    private static Optional<RunLock> take(Path file, Consumer<String> waiting) {
        Path key = file.toAbsolutePath().normalize();
        Holder me = new Holder(describeThisProcess());
        boolean told = false;
        try {
            Holder other;
            while ((other = HELD_HERE.putIfAbsent(key, me)) != null) {
                if (waiting == null) {
                    return Optional.empty();
                }
                if (!told) {
                    waiting.accept(other.description + " (in this JVM)");
                    told = true;
                }
                Thread.sleep(POLL_MILLIS);
            }
            FileChannel channel = null;
            RunLock taken = null;
            try {
                Files.createDirectories(key.getParent());
                channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                for (int polls = 0; (lock = tryLock(channel)) == null && waiting != null; polls++) {
                    String description = readHolder(channel);
                    // the holder writes its description just after locking: give it a moment before naming none
                    if (!told && (description != null || polls >= 5)) {
                        waiting.accept(description != null ? description
                                : "another process (which has not written who it is)");
                        told = true;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                if (lock != null) {
                    me.description = describeThisProcess(); // since now
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(me.description.getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(false);
                    taken = new RunLock(key, me, channel, lock);
                }
            } finally {
                if (taken == null) {
                    // another process holds it (tryAcquire), or this failed: give back the channel and the entry
                    try {
                        if (channel != null) {
                            channel.close();
                        }
                    } finally {
                        HELD_HERE.remove(key, me);
                    }
                }
            }
            return Optional.ofNullable(taken);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + key + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock " + key, e);
        }
    }

    /** Null while another process holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock(LOCKED_POSITION, 1, false);
        } catch (OverlappingFileLockException e) {
            // held through another channel of this JVM (HELD_HERE keeps this class from that): held all the same
            return null;
        }
    }

    /** What the holder wrote, or null if nothing (yet) or (Windows) the file cannot be read. */
    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            channel.read(buffer, 0);
            String description = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
            return description.isEmpty() ? null : description;
        } catch (IOException e) {
            return null;
        }
    }

    /** Who holds a lock, for the message of a build that waits: hostname, pids and since when. */
    static String describeThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        String parent = self.parent().map(p -> " (parent pid " + p.pid() + ")").orElse("");
        return "pid " + self.pid() + parent + " on " + hostname() + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "an unknown host" : env;
        }
    }

    public Path file() {
        return file;
    }

    /** Clears the description (nobody holds it now) and releases the lock. */
    @Override
    public void close() {
        try {
            try {
                channel.truncate(0);
            } finally {
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file + ": " + e.getMessage(), e);
        } finally {
            HELD_HERE.remove(file, holder);
        }
    }
}
