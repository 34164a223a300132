package dev.sam.agent.provision;

import java.util.Arrays;
import java.util.Objects;

/** One file of a workspace plan: its path as the workspace sees it, its bytes, mode and owner. */
public record PlannedFile(String path, byte[] bytes, int mode, FileOwner owner) {
    public PlannedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(owner, "owner");
        if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException("planned paths are absolute and normalized: " + path);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlannedFile f && f.path.equals(path) && Arrays.equals(f.bytes, bytes) && f.mode == mode && f.owner == owner;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(bytes), mode, owner);
    }

    /** Never prints the bytes: some files hold a token. */
    @Override
    public String toString() {
        return "PlannedFile[" + path + ", " + bytes.length + " bytes, mode=" + Integer.toOctalString(mode) + ", " + owner + "]";
    }
}
