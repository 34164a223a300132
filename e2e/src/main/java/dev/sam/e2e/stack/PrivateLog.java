package dev.sam.e2e.stack;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A service's log file, readable by its owner only: logs name workspaces, repositories and
 * addresses, and the run directory is searchable by the workspace user (who must not list them).
 */
final class PrivateLog {
    private PrivateLog() {
    }

    static void create(Path log) throws IOException {
        Path dir = log.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
