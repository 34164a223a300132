package dev.sam.contract.api;

import java.time.Instant;
import java.util.Objects;

/** Answer of {@code POST /api/workspaces/{id}/git-token}: an installation token and when it dies (ISO-8601 UTC on the wire). */
public record GitTokenResponse(String token, Instant expiresAt) {
    public GitTokenResponse {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "GitTokenResponse[token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
