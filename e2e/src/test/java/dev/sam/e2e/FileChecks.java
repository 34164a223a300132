package dev.sam.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Modes and owners of files holding secrets, read back on the host. */
final class FileChecks {
    static final int WORKSPACE_UID = 1000;
    static final int WORKSPACE_GID = 1000;

    private FileChecks() {
    }

    /**
     * Readable by the workspace user and root only (the system's rule): 0600 owned by the workspace
     * user, or 0640 with the workspace user's group (owner the user or root). No bit for others.
     */
    static void assertPrivateToWorkspaceUser(Path file) throws IOException {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        int uid = (Integer) Files.getAttribute(file, "unix:uid");
        int gid = (Integer) Files.getAttribute(file, "unix:gid");
        assertTrue(Set.of("rw-------", "rw-r-----").contains(mode), file + " has mode " + mode);
        if (mode.equals("rw-------")) {
            assertEquals(WORKSPACE_UID, uid, file + " (0600) must be owned by the workspace user");
        } else {
            assertTrue(uid == WORKSPACE_UID || uid == 0, file + " (0640) owner " + uid);
            assertEquals(WORKSPACE_GID, gid, file + " (0640) must have the workspace user's group");
        }
    }

    /**
     * What a stopped stack leaves: its logs, 0600 in a 0700 directory, and nothing else. Keys, the
     * node token and workspaces' env files (tokens GitHub still honours) must be gone, and so must
     * the run's lock file.
     */
    static void assertOnlyPrivateLogsLeft(Path runDir) throws IOException {
        try (var children = Files.list(runDir)) {
            Set<String> left = children.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
            assertEquals(Set.of("logs"), left, "left in " + runDir + " after stop");
        }
        Path logs = runDir.resolve("logs");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)), logs.toString());
        try (var files = Files.list(logs)) {
            for (Path log : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)), log.toString());
            }
        }
    }
}
