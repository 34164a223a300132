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
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a plan under a root directory (the host directory that is the workspace's {@code /}).
 * Per file: temp file in the target's directory (created 0600, so a token is never readable by
 * others even for a moment), write, fsync, chown and chmod, atomic rename over the target, fsync
 * the directory; then read it back and compare bytes, mode and owner. A reader of the target
 * sees the old content or the new, never a mix.
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

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Ownership ownership;
    private final AfterRename afterRename;
    private final int currentUid;
    private final int currentGid;

    public PlanApplier(Ownership ownership, AfterRename afterRename) {
        this.ownership = ownership;
        this.afterRename = afterRename;
        this.currentUid = ProcessIdentity.uid();
        this.currentGid = ProcessIdentity.gid();
    }

    /** CHOWN when running as root, REQUIRE_CURRENT otherwise. */
    public static PlanApplier forCurrentUser() {
        return new PlanApplier(ProcessIdentity.uid() == 0 ? Ownership.CHOWN : Ownership.REQUIRE_CURRENT, p -> { });
    }

    public List<Path> apply(Path root, BootstrapPlan plan) {
        if (!Files.isDirectory(root)) {
            throw new PlanApplyException("/", Reason.INVALID_REQUEST, "workspace root is not a directory: " + root);
        }
        for (PlannedFile f : plan.files()) {
            checkOwner(f); // before writing anything, so a plan is applied whole or not started
        }
        List<Path> written = new ArrayList<>();
        for (PlannedFile f : plan.files()) {
            written.add(write(root, f));
        }
        return written;
    }

    public Path write(Path root, PlannedFile f) {
        checkOwner(f);
        Path target = RootedPath.resolveCreatingParents(root, f.path());
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw new PlanApplyException(f.path(), Reason.INVALID_REQUEST, "a directory is in the way");
        }
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".sam-" + UUID.randomUUID() + ".tmp");
        try {
            writeTemp(tmp, f);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
            afterRename.accept(target);
        } catch (IOException e) {
            throw new PlanApplyException(f.path(), Reason.PROVISIONING_FAILED, "write failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
        verify(target, f);
        return target;
    }

    private void writeTemp(Path tmp, PlannedFile f) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp,
                Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            ByteBuffer buf = ByteBuffer.wrap(f.bytes());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        if (ownership == Ownership.CHOWN) {
            Files.setAttribute(tmp, "unix:uid", f.uid(), NOFOLLOW);
            Files.setAttribute(tmp, "unix:gid", f.gid(), NOFOLLOW);
        }
        Files.setPosixFilePermissions(tmp, FileModes.toPermissions(f.mode()));
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
            byte[] back;
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ, NOFOLLOW)) {
                back = new byte[(int) ch.size()];
                ByteBuffer buf = ByteBuffer.wrap(back);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read until full
                }
            }
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

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // A leftover dot-file holds no more than the target does and is replaced next time.
        }
    }
}
