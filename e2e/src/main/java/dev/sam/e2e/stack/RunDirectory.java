package dev.sam.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A stack's run directory. While the stack runs it holds live secrets: the app's private key, the
 * node token, workspaces' env files with installation tokens that GitHub (here the emulator) still
 * honours. A stopped stack keeps only its logs; {@link #sweepAbandoned} does the same for runs
 * that were killed before they could clean up, skipping runs still alive (they hold {@link #LOCK}).
 */
public final class RunDirectory {
    /** Kept after a stop: what an operator reads afterwards. */
    public static final Set<String> KEPT = Set.of("logs", ".lock");
    static final String LOCK = ".lock";

    private RunDirectory() {
    }

    /** Marks {@code runDir} as alive for as long as this JVM holds the answer (or exits). */
    public static FileLock claim(Path runDir) {
        try {
            Files.createDirectories(runDir);
            FileChannel channel = FileChannel.open(runDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new StackException(runDir + " is in use by another run");
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes everything in {@code runDir} except {@link #KEPT}; answers what was removed (top-level names). */
    public static List<String> scrub(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(runDir)) {
            List<Path> doomed = children.filter(p -> !KEPT.contains(p.getFileName().toString())).toList();
            for (Path p : doomed) {
                deleteTree(p);
            }
            return doomed.stream().map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Scrubs every run under {@code runsRoot} that no live process holds, except {@code current}. */
    public static int sweepAbandoned(Path runsRoot, Path current) {
        if (!Files.isDirectory(runsRoot)) {
            return 0;
        }
        int swept = 0;
        try (Stream<Path> runs = Files.list(runsRoot)) {
            for (Path run : runs.filter(Files::isDirectory).filter(p -> !p.equals(current)).toList()) {
                if (abandoned(run) && !scrub(run).isEmpty()) {
                    swept++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return swept;
    }

    /** True when no process holds the run's lock (or it never had one: a run from before locks). */
    private static boolean abandoned(Path run) throws IOException {
        Path lockFile = run.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return true;
        }
        // Only other processes' runs are probed: closing this channel would drop a lock this JVM
        // held on the same file (POSIX record locks belong to the process, not the descriptor).
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = tryLock(channel);
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (NoSuchFileException e) {
            // Deleted since the check: that run has just stopped and cleaned up after itself.
            return true;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void deleteTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
