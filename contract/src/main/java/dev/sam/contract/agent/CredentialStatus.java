package dev.sam.contract.agent;

import java.util.Objects;

/**
 * Answer of {@code GET} {@link AgentPaths#GIT_CREDENTIAL_STATUS} (JSON, same bearer as
 * {@link AgentPaths#GIT_CREDENTIAL}), shown by {@code git-credential-sam doctor}. Never carries the
 * token itself.
 *
 * @param workspaceId  the workspace the bearer credential belongs to
 * @param state        {@link #LIVE}, {@link #PENDING} or {@link #FAILED}
 * @param reason       the last error's {@code Reason} code, or null when there was none
 * @param expiresAt    expiry of the cached token as ISO-8601 UTC ({@code 2026-01-01T00:00:00Z}), or null
 * @param agentVersion the agent's version string, for bug reports
 */
public record CredentialStatus(String workspaceId, String state, String reason, String expiresAt, String agentVersion) {
    /** A token is cached and outside the safety margin. */
    public static final String LIVE = "live";
    /** No usable token yet; the agent keeps trying ({@code reason} says why). */
    public static final String PENDING = "pending";
    /** The last attempt failed with a permanent reason; someone has to act. */
    public static final String FAILED = "failed";

    public CredentialStatus {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(state, "state");
    }
}
