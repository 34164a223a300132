package dev.sam.agent.controlplane;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff bounded in total: delays grow from {@code initial} to {@code max}
 * ("equal jitter": half fixed, half random, so retries of many workspaces spread out but never
 * collapse to zero), and the schedule ends once {@code total} would be exceeded.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Duration total;
    private int attempt;
    private Duration spent = Duration.ZERO;

    public Backoff(Duration initial, Duration max, Duration total) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        this.initial = initial;
        this.max = max;
        this.total = total;
    }

    /**
     * The next delay, or empty when the total budget is used up. A server's {@code Retry-After}
     * raises the delay (never lowers it) but still counts against the budget.
     */
    public Optional<Duration> next(Optional<Duration> retryAfter) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 30));
        long half = ceiling / 2;
        long delay = half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
        if (retryAfter.isPresent()) {
            delay = Math.max(delay, retryAfter.get().toMillis());
        }
        Duration d = Duration.ofMillis(delay);
        if (spent.plus(d).compareTo(total) > 0) {
            return Optional.empty();
        }
        attempt++;
        spent = spent.plus(d);
        return Optional.of(d);
    }

    public int attempts() {
        return attempt;
    }
}
