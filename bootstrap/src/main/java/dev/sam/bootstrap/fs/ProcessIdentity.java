package dev.sam.bootstrap.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The uid and gid this JVM runs as, read from {@code /proc/self} (Linux). */
public final class ProcessIdentity {
    private ProcessIdentity() {
    }

    public static int uid() {
        return attribute("unix:uid");
    }

    public static int gid() {
        return attribute("unix:gid");
    }

    private static int attribute(String name) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
