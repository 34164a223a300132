package dev.sam.bootstrap.plan;

import java.util.Arrays;
import java.util.Objects;

/**
 * One file of a plan: its absolute path as seen inside the workspace, its exact bytes, permission
 * bits (0..0777) and numeric owner.
 */
public record PlannedFile(String path, byte[] bytes, int mode, int uid, int gid) {
    public PlannedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("plan path must be absolute: " + path);
        }
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException("mode must be within 0777: " + Integer.toOctalString(mode));
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlannedFile f && f.path.equals(path) && Arrays.equals(f.bytes, bytes)
                && f.mode == mode && f.uid == uid && f.gid == gid;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(bytes), mode, uid, gid);
    }

    /** Never prints the content: several files hold a token. */
    @Override
    public String toString() {
        return "PlannedFile[" + path + ", " + bytes.length + " bytes, mode " + Integer.toOctalString(mode)
                + ", owner " + uid + ":" + gid + "]";
    }
}
