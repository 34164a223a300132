package dev.sam.e2e.launcher;

import dev.sam.e2e.stack.LocalStack;
import dev.sam.e2e.stack.WorkspaceShell;

/**
 * {@code ./sam demo --shell}: an interactive login shell in the workspace on the user's terminal.
 * Until the agent's PTY endpoint is merged, the shell is started in the workspace's sandbox directly
 * (the sandbox starts a new session, so bash runs without job control).
 */
final class InteractiveShell {
    private InteractiveShell() {
    }

    static int attach(LocalStack stack, String workspaceId) {
        return WorkspaceShell.interactive(stack, workspaceId);
    }
}
