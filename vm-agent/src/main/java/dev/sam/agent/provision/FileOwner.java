package dev.sam.agent.provision;

/** Who owns a planned file inside the workspace. */
public enum FileOwner {
    ROOT,
    WORKSPACE_USER
}
