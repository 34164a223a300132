package dev.sam.bootstrap.fs;

import dev.sam.bootstrap.plan.BootstrapPlan;
import dev.sam.bootstrap.plan.PlannedFile;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a plan under a root directory (the host directory that is the workspace's {@code /}).
 * In three steps over the whole plan: every file goes to a temp file in its target's directory
 * (created 0600, so a token is never readable by others even for a moment), is written, fsynced,
 * chowned and chmodded; then each temp file is renamed atomically over its target; then every
 * directory that received a rename is fsynced, once, however many files landed in it. Each file
 * is then read back and compared (bytes, mode, owner). A reader of a target sees the old content
 * or the new, never a mix. With an executor ({@link #forCurrentUser(Executor)}) the temp files are
 * written and fsynced side by side, and so are the directories: a plan waits for about one fsync
 * per step instead of one per file.
 *
 * <p>Durability: a file's bytes are on disk before its rename (fsync of the temp file), and the
 * renames are on disk before {@code apply} returns (fsync of their directories), so after a crash
 * each target holds its whole old or whole new content, and once {@code apply} has returned, the
 * new. One directory fsync covers every rename made in that directory before it.
 *
 * <p>Owners: as root, files are chowned as planned. Otherwise a plan owner other than the
 * current user and group is an error, not a silent skip, so a plan is never half-applied.
 */
public final class PlanApplier {
    /** How owners are applied. */
    public enum Ownership {
        /** Root: chown every file as planned. */
        CHOWN,
        /** Not root: every planned owner must be the current uid and gid. */
        REQUIRE_CURRENT
    }

    /** Called after the rename, before the read-back; lets tests play a file system that loses writes. */
    @FunctionalInterface
    public interface AfterRename {
        void accept(Path written) throws IOException;
    }

    /** The two kinds of fsync the applier makes; tests record them to check order and count. */
    interface Sync {
        void file(FileChannel written, Path tmp) throws IOException;

        void directory(Path dir) throws IOException;

        Sync REAL = new Sync() {
            @Override
            public void file(FileChannel written, Path tmp) throws IOException {
                written.force(true);
            }

            @Override
            public void directory(Path dir) throws IOException {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
            }
        };
    }

    /** A planned file on its way: where it goes and the temp file holding its bytes until the rename. */
    private record Staged(PlannedFile file, Path target, Path tmp) {
    }

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Ownership ownership;
    private final AfterRename afterRename;
    private final Sync sync;
    private final Executor io;
    private final int currentUid;
    private final int currentGid;

    public PlanApplier(Ownership ownership, AfterRename afterRename) {
        this(ownership, afterRename, Sync.REAL);
    }

    PlanApplier(Ownership ownership, AfterRename afterRename, Sync sync) {
        this(ownership, afterRename, sync, Runnable::run);
    }

    PlanApplier(Ownership ownership, AfterRename afterRename, Sync sync, Executor io) {
        this.ownership = ownership;
        this.afterRename = afterRename;
        this.sync = sync;
        this.io = io;
        this.currentUid = ProcessIdentity.uid();
        this.currentGid = ProcessIdentity.gid();
    }

    /** CHOWN when running as root, REQUIRE_CURRENT otherwise. */
    public static PlanApplier forCurrentUser() {
        return forCurrentUser(Runnable::run);
    }

    /**
     * As {@link #forCurrentUser()}, writing a plan's temp files and fsyncing its directories side by
     * side on {@code io} (each task is one file or one directory and waits for nothing else).
     */
    public static PlanApplier forCurrentUser(Executor io) {
        return new PlanApplier(ProcessIdentity.uid() == 0 ? Ownership.CHOWN : Ownership.REQUIRE_CURRENT, p -> { }, Sync.REAL, io);
    }

    public List<Path> apply(Path root, BootstrapPlan plan) {
        if (!Files.isDirectory(root)) {
            throw new PlanApplyException("/", Reason.INVALID_REQUEST, "workspace root is not a directory: " + root);
        }
        return applyAll(root, plan.files());
    }

    public Path write(Path root, PlannedFile f) {
        return applyAll(root, List.of(f)).get(0);
    }

    private List<Path> applyAll(Path root, List<PlannedFile> files) {
        for (PlannedFile f : files) {
            checkOwner(f); // before writing anything, so a plan is applied whole or not started
        }
        List<Staged> placed = new ArrayList<>();
        List<Staged> staged = new ArrayList<>(); // the placed files that differ from their target
        List<CompletableFuture<Void>> started = new ArrayList<>();
        try {
            for (PlannedFile f : files) {
                Staged s = place(root, f);
                placed.add(s);
                if (!alreadyAsPlanned(s.target(), f)) {
                    staged.add(s);
                }
            }
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (Staged s : staged) {
                writes.add(CompletableFuture.runAsync(() -> writeTemp(s), io));
                started.add(writes.get(writes.size() - 1));
            }
            awaitAll(writes);
            // Directory -> a planned path in it, to name it in an error.
            Map<Path, String> renamedInto = new LinkedHashMap<>();
            for (Staged s : staged) {
                try {
                    Files.move(s.tmp(), s.target(), StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw writeFailed(s.file(), e);
                }
                renamedInto.putIfAbsent(s.target().getParent(), s.file().path());
            }
            List<CompletableFuture<Void>> dirSyncs = new ArrayList<>();
            for (Map.Entry<Path, String> dir : renamedInto.entrySet()) {
                dirSyncs.add(CompletableFuture.runAsync(() -> syncDirectory(dir.getKey(), dir.getValue()), io));
            }
            awaitAll(dirSyncs);
            for (Staged s : staged) {
                try {
                    afterRename.accept(s.target());
                } catch (IOException e) {
                    throw writeFailed(s.file(), e);
                }
            }
        } finally {
            for (CompletableFuture<Void> w : started) {
                w.handle((v, e) -> null).join(); // no writer may still be creating a temp file below
            }
            for (Staged s : staged) {
                deleteQuietly(s.tmp()); // gone after a successful rename; left behind only by a failure
            }
        }
        List<Path> targets = new ArrayList<>();
        for (Staged s : placed) {
            verify(s.target(), s.file());
            targets.add(s.target());
        }
        return targets;
    }

    /** True when {@code target} is a regular file with exactly the planned bytes, mode and owner. */
    private static boolean alreadyAsPlanned(Path target, PlannedFile f) {
        try {
            PosixFileAttributes a = Files.readAttributes(target, PosixFileAttributes.class, NOFOLLOW);
            return a.isRegularFile() && a.size() == f.bytes().length
                    && FileModes.fromPermissions(a.permissions()) == f.mode()
                    && (Integer) Files.getAttribute(target, "unix:uid", NOFOLLOW) == f.uid()
                    && (Integer) Files.getAttribute(target, "unix:gid", NOFOLLOW) == f.gid()
                    && Arrays.equals(readAll(target), f.bytes());
        } catch (IOException e) {
            return false; // missing or unreadable: write it
        }
    }

    /** Resolves the target (creating its parents) and names the temp file next to it. */
    private Staged place(Path root, PlannedFile f) {
        Path target = RootedPath.resolveCreatingParents(root, f.path());
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw new PlanApplyException(f.path(), Reason.INVALID_REQUEST, "a directory is in the way");
        }
        // Uniqueness, not secrecy: CREATE_NEW refuses an existing name, and only the agent writes here.
        Path tmp = target.getParent().resolve("." + target.getFileName() + ".sam-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        return new Staged(f, target, tmp);
    }

    /** Waits for every task (none is left running), then throws the first failure. */
    private static void awaitAll(List<CompletableFuture<Void>> tasks) {
        RuntimeException first = null;
        for (CompletableFuture<Void> t : tasks) {
            try {
                t.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static PlanApplyException writeFailed(PlannedFile f, IOException e) {
        return new PlanApplyException(f.path(), Reason.PROVISIONING_FAILED, "write failed: " + e.getMessage(), e);
    }

    private void syncDirectory(Path dir, String plannedPath) {
        try {
            sync.directory(dir);
        } catch (IOException e) {
            throw new PlanApplyException(plannedPath, Reason.PROVISIONING_FAILED, "directory fsync failed: " + e.getMessage(), e);
        }
    }

    /** The temp file: written, fsynced, then given its final owner and mode. */
    private void writeTemp(Staged s) {
        PlannedFile f = s.file();
        Path tmp = s.tmp();
        try {
            try (FileChannel ch = FileChannel.open(tmp,
                    Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
                ByteBuffer buf = ByteBuffer.wrap(f.bytes());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                sync.file(ch, tmp);
            }
            if (ownership == Ownership.CHOWN) {
                Files.setAttribute(tmp, "unix:uid", f.uid(), NOFOLLOW);
                Files.setAttribute(tmp, "unix:gid", f.gid(), NOFOLLOW);
            }
            Files.setPosixFilePermissions(tmp, FileModes.toPermissions(f.mode()));
        } catch (IOException e) {
            throw writeFailed(f, e);
        }
    }

    private void checkOwner(PlannedFile f) {
        if (ownership == Ownership.REQUIRE_CURRENT && (f.uid() != currentUid || f.gid() != currentGid)) {
            throw new PlanApplyException(f.path(), Reason.PROVISIONING_FAILED, "owner " + f.uid() + ":" + f.gid()
                    + " cannot be applied when not running as root (current " + currentUid + ":" + currentGid + ")");
        }
    }

    private static void verify(Path target, PlannedFile f) {
        try {
            PosixFileAttributes a = Files.readAttributes(target, PosixFileAttributes.class, NOFOLLOW);
            if (!a.isRegularFile()) {
                throw new PlanApplyException(f.path(), Reason.PROVISIONING_FAILED, "read back: not a regular file");
            }
            byte[] back = readAll(target);
            if (!Arrays.equals(back, f.bytes())) {
                throw new PlanApplyException(f.path(), Reason.PROVISIONING_FAILED,
                        "read back " + back.length + " bytes that differ from the " + f.bytes().length + " planned");
            }
            int mode = FileModes.fromPermissions(a.permissions());
            if (mode != f.mode()) {
                throw new PlanApplyException(f.path(), Reason.PROVISIONING_FAILED, "read back mode "
                        + Integer.toOctalString(mode) + ", planned " + Integer.toOctalString(f.mode()));
            }
            int uid = (Integer) Files.getAttribute(target, "unix:uid", NOFOLLOW);
            int gid = (Integer) Files.getAttribute(target, "unix:gid", NOFOLLOW);
            if (uid != f.uid() || gid != f.gid()) {
                throw new PlanApplyException(f.path(), Reason.PROVISIONING_FAILED,
                        "read back owner " + uid + ":" + gid + ", planned " + f.uid() + ":" + f.gid());
            }
        } catch (IOException e) {
            throw new PlanApplyException(f.path(), Reason.PROVISIONING_FAILED, "read back failed: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ, NOFOLLOW)) {
            byte[] back = new byte[(int) ch.size()];
            ByteBuffer buf = ByteBuffer.wrap(back);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read until full
            }
            return back;
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // A leftover dot-file holds no more than the target does and is replaced next time.
        }
    }
}
