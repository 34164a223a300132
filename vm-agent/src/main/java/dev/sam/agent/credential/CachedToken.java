package dev.sam.agent.credential;

import java.time.Duration;
import java.time.Instant;

/** An installation token held in memory only. */
public record CachedToken(String token, Instant expiresAt) {
    public Duration remaining(Instant now) {
        return Duration.between(now, expiresAt);
    }

    @Override
    public String toString() {
        return "CachedToken[<redacted>, expiresAt=" + expiresAt + "]";
    }
}
