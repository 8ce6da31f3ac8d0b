package io.github.ssgan.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another build, for {@link RunLockTest}: a Java file lock belongs to its process, so only a second process shows
 * what a second build sees. {@code hold <file>}: takes the RunLock, prints "locked", releases it when stdin closes.
 * {@code probe <file>}: prints "held by " and the file's description, or "free", for the lock as the operating system
 * sees it.
 */
public final class RunLockHolder {
    private RunLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        if (args[0].equals("probe")) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock(RunLock.LOCKED_POSITION, 1, false)) {
                System.out.println(lock == null ? "held by " + Files.readString(file) : "free");
            }
            return;
        }
        try (RunLock lock = RunLock.acquire(file, holder -> System.out.println("waiting for " + holder))) {
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        }
        System.out.println("released");
    }
}
