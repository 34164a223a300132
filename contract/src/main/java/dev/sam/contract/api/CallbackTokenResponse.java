package dev.sam.contract.api;

import java.time.Instant;
import java.util.Objects;

/** A callback token (JWT, audience {@link ApiPaths#AUDIENCE_CALLBACK}) and when it expires. */
public record CallbackTokenResponse(String token, Instant expiresAt) {
    public CallbackTokenResponse {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "CallbackTokenResponse[token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
