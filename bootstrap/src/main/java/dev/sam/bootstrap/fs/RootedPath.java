package dev.sam.bootstrap.fs;

import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Maps a workspace path onto the host directory that is the workspace's {@code /}, refusing
 * anything that could lead outside it: {@code ..}, {@code .}, empty components, and any existing
 * component that is a symbolic link. Missing parent directories are created 0755.
 */
final class RootedPath {
    private RootedPath() {
    }

    static Path resolveCreatingParents(Path root, String planPath) {
        if (!planPath.startsWith("/") || planPath.length() < 2 || planPath.indexOf('\0') >= 0) {
            throw new PlanApplyException(planPath, Reason.INVALID_REQUEST, "not an absolute file path");
        }
        String[] parts = planPath.substring(1).split("/", -1);
        Path current = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new PlanApplyException(planPath, Reason.INVALID_REQUEST, "path component '" + part + "' not allowed");
            }
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new PlanApplyException(planPath, Reason.INVALID_REQUEST, "path goes through a symbolic link: " + current);
            }
            if (i < parts.length - 1) {
                ensureDirectory(planPath, current);
            }
        }
        return current;
    }

    private static void ensureDirectory(String planPath, Path dir) {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // umask-proof
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new PlanApplyException(planPath, Reason.INVALID_REQUEST, "parent is not a directory: " + dir);
            }
        } catch (IOException e) {
            throw new PlanApplyException(planPath, Reason.PROVISIONING_FAILED, "cannot create directory " + dir, e);
        }
    }
}
