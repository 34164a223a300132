package dev.sam.api.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import dev.sam.contract.error.Reason;

/**
 * Remembers until when GitHub told us to stop minting, and refuses locally until then. The mint endpoint is
 * authenticated as the App, so the limit is the App's: one gate for all installations.
 */
public final class RateLimitGate {
    private final Clock clock;
    private final AtomicReference<Instant> blockedUntil = new AtomicReference<>(Instant.EPOCH);

    public RateLimitGate(Clock clock) {
        this.clock = clock;
    }

    /** Throws a rate-limit refusal, with the time left, while a previous Retry-After has not passed. */
    public void check() {
        Instant until = blockedUntil.get();
        Instant now = clock.instant();
        if (now.isBefore(until)) {
            long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
            throw new GitHubRefusedException(Reason.GITHUB_RATE_LIMITED, "GitHub rate limit in effect",
                    Duration.ofSeconds(seconds));
        }
    }

    public void block(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        blockedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
