package dev.sam.contract.session;

import java.time.Instant;
import java.util.Objects;

/** A session token for one workspace and when it expires. */
public record SessionTokenResponse(String token, String workspaceId, Instant expiresAt) {
    public SessionTokenResponse {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "SessionTokenResponse[token=<redacted>, workspaceId=" + workspaceId + ", expiresAt=" + expiresAt + "]";
    }
}
