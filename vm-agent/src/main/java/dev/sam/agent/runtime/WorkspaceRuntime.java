package dev.sam.agent.runtime;

import dev.sam.bootstrap.plan.BootstrapPlan;
import java.io.IOException;

/** Where workspaces live and how things get into them: one interface for bubblewrap and docker. */
public interface WorkspaceRuntime {
    /** Creates whatever the workspace needs before files go in (directories, a container). Idempotent. */
    void prepare(String workspaceId) throws IOException;

    /** Writes every file of the plan, each replaced atomically, with its mode and owner. */
    void writePlan(String workspaceId, BootstrapPlan plan) throws IOException;

    /**
     * Writes ahead of any workspace the files of {@code plan} that are the same for every workspace,
     * where the runtime keeps them once per node (bubblewrap); a runtime that gives each workspace
     * its own copy has nothing to do. The plan's own files are not written.
     */
    default void writeNodeFiles(BootstrapPlan plan) throws IOException {
    }

    /** Reads a file back as the workspace sees it at {@code insidePath}. */
    byte[] readFile(String workspaceId, String insidePath) throws IOException;

    /** The permission bits of {@code insidePath} as stored. */
    int fileMode(String workspaceId, String insidePath) throws IOException;

    /** Starts a process inside the workspace, as the workspace user. */
    Process start(String workspaceId, ProcessSpec spec) throws IOException;

    /** The host command line that runs {@code spec} in the workspace (for launchers such as the PTY one); holds no env value. */
    default java.util.List<String> command(String workspaceId, ProcessSpec spec) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot start terminal sessions yet");
    }
}
