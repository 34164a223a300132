package dev.sam.agent.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces a file atomically: a temp file in the same directory, created with the final mode (so a
 * secret is never world-readable, not even for a moment), fsynced, chowned, renamed over the target,
 * then the directory fsynced. Readers see the old bytes or the new ones, never a mix or nothing.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes, int mode, OptionalInt uid, OptionalInt gid) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Set<PosixFilePermission> perms = permissions(mode);
        try {
            try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (uid.isPresent() || gid.isPresent()) {
                chown(tmp, uid, gid);
            }
            Files.setPosixFilePermissions(tmp, perms);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically", e);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void chown(Path path, OptionalInt uid, OptionalInt gid) throws IOException {
        // Numeric ids need no passwd entry on the host (the workspace user may exist only inside).
        if (uid.isPresent()) {
            Files.setAttribute(path, "unix:uid", uid.getAsInt());
        }
        if (gid.isPresent()) {
            Files.setAttribute(path, "unix:gid", gid.getAsInt());
        }
    }

    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    public static int mode(Path path) throws IOException {
        Set<PosixFilePermission> perms = Files.getFileAttributeView(path, PosixFileAttributeView.class).readAttributes().permissions();
        int mode = 0;
        for (int bit = 0; bit < 9; bit++) {
            if (perms.contains(permissionForBit(bit))) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    private static PosixFilePermission permissionForBit(int bit) {
        return PosixFilePermission.values()[8 - bit];
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse to open directories; the rename itself is still atomic.
        }
    }
}
