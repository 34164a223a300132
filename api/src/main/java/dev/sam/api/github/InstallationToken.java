package dev.sam.api.github;

import java.time.Instant;
import java.util.Objects;

/** An installation token as GitHub minted it: an opaque string of any length, and its expiry. */
public record InstallationToken(String token, Instant expiresAt) {
    public InstallationToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "InstallationToken[token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
