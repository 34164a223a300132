package dev.sam.contract.agent;

import java.util.Objects;

/**
 * Answer of {@code GET /workspaces/{id}} on the VM agent (JSON). Carries the token's expiry, never
 * the token.
 *
 * @param workspaceId    the workspace
 * @param state          {@link #CREATING}, {@link #READY} or {@link #FAILED}
 * @param credentials    {@link #CREDENTIALS_LIVE}, {@link #CREDENTIALS_PENDING} or {@link #CREDENTIALS_FAILED}
 * @param reason         {@code Reason} code of the last failure (provisioning or token), or null
 * @param tokenExpiresAt expiry of the token currently in the workspace's files, ISO-8601 UTC, or null
 */
public record WorkspaceStatus(
        String workspaceId, String state, String credentials, String reason, String tokenExpiresAt) {
    public static final String CREATING = "creating";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    /** A token is cached and outside the serving margin. */
    public static final String CREDENTIALS_LIVE = CredentialStatus.LIVE;
    /** No usable token yet; the agent keeps trying in the background. */
    public static final String CREDENTIALS_PENDING = CredentialStatus.PENDING;
    /** The control plane answered a permanent reason; someone has to act. */
    public static final String CREDENTIALS_FAILED = CredentialStatus.FAILED;

    public WorkspaceStatus {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(credentials, "credentials");
    }
}
