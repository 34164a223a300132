package dev.sam.agent.workspace;

import java.nio.file.Path;

/**
 * Where a workspace's things live on the host: {@code <data>/workspaces/<id>/root} mirrors the
 * paths the workspace sees ({@code etc/sam/env}, {@code home}, {@code work}, ...), and
 * {@code <data>/state/<id>.json} holds the agent's record. Files that are the same for every
 * workspace live once per node under {@link #nodeRoot()}.
 */
public final class WorkspaceLayout {
    public static final String HOME_DIR = "home";
    public static final String WORK_DIR = "work";
    /** Where a workspace's work directory appears inside it. */
    public static final String WORKSPACE_MOUNT = "/workspace";

    private final Path dataDir;

    public WorkspaceLayout(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The node's fixed files ({@code <data>/node/root}, mirroring the paths a workspace sees): the
     * stubs and launchers that are byte for byte the same in every workspace, kept once per node.
     */
    public Path nodeRoot() {
        return dataDir.resolve("node").resolve("root");
    }

    public Path stateDir() {
        return dataDir.resolve("state");
    }

    public Path workspacesDir() {
        return dataDir.resolve("workspaces");
    }

    public Path stateFile(String id) {
        return stateDir().resolve(checked(id) + ".json");
    }

    public Path workspaceDir(String id) {
        return workspacesDir().resolve(checked(id));
    }

    public Path root(String id) {
        return workspaceDir(id).resolve("root");
    }

    /** The host path behind {@code insidePath} (absolute, as the workspace sees it) in workspace {@code id}. */
    public Path hostPath(String id, String insidePath) {
        Path root = root(id);
        Path resolved = root.resolve(insidePath.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("path escapes the workspace root: " + insidePath);
        }
        return resolved;
    }

    private static String checked(String id) {
        if (!WorkspaceId.isValid(id)) {
            throw new IllegalArgumentException("invalid workspace id");
        }
        return id;
    }
}
