package dev.sam.agent.credential;

import dev.sam.contract.error.Reason;
import java.time.Duration;
import java.util.Optional;

/** The answer to "give me this workspace's token": a usable token, or why not. */
public record TokenOutcome(Optional<CachedToken> token, Reason reason, Optional<Duration> retryAfter) {
    public static TokenOutcome of(CachedToken token) {
        return new TokenOutcome(Optional.of(token), null, Optional.empty());
    }

    public static TokenOutcome refused(Reason reason, Optional<Duration> retryAfter) {
        return new TokenOutcome(Optional.empty(), reason, retryAfter);
    }
}
