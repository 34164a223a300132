package dev.sam.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted misbehaviour for one {@code POST .../access_tokens} request. Faults are queued with
 * {@link GitHubEmulator#enqueueFaults} and consumed one per request, in order, before normal handling.
 */
public final class Fault {
    enum Kind { STATUS, DELAY, HANG }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final Duration delay;
    private final Variant variant;

    /** Which GitHub body a status fault answers with. */
    enum Variant { PLAIN, PRIMARY_RATE_LIMIT, SECONDARY_RATE_LIMIT }

    private Fault(Kind kind, int status, Duration retryAfter, Duration delay, Variant variant) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.delay = delay;
        this.variant = variant;
    }

    /** Answer with this status and GitHub's generic body for it. */
    public static Fault status(int code) {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx, got " + code);
        }
        return new Fault(Kind.STATUS, code, null, null, Variant.PLAIN);
    }

    /** GitHub's primary rate limit: 429 with {@code Retry-After} and {@code x-ratelimit-remaining: 0}. */
    public static Fault rateLimited429(Duration retryAfter) {
        return new Fault(Kind.STATUS, 429, requireRetryAfter(retryAfter), null, Variant.PRIMARY_RATE_LIMIT);
    }

    /** GitHub's secondary rate limit: 403 "You have exceeded a secondary rate limit" with {@code Retry-After}. */
    public static Fault secondaryRateLimit403(Duration retryAfter) {
        return new Fault(Kind.STATUS, 403, requireRetryAfter(retryAfter), null, Variant.SECONDARY_RATE_LIMIT);
    }

    /** Wait, then handle the request normally. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return new Fault(Kind.DELAY, 0, null, delay, Variant.PLAIN);
    }

    /** Accept the request and never answer; the exchange is released only when the emulator closes. */
    public static Fault hang() {
        return new Fault(Kind.HANG, 0, null, null, Variant.PLAIN);
    }

    /** The same status fault, with a {@code Retry-After} header in whole seconds. */
    public Fault withRetryAfter(Duration retryAfter) {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException("Retry-After applies to status faults only");
        }
        return new Fault(kind, status, requireRetryAfter(retryAfter), null, variant);
    }

    Kind kind() {
        return kind;
    }

    int statusCode() {
        return status;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    Duration delayDuration() {
        return delay;
    }

    Variant variant() {
        return variant;
    }

    private static Duration requireRetryAfter(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        return retryAfter;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STATUS -> "status(" + status + (variant == Variant.PLAIN ? "" : ", " + variant)
                    + (retryAfter == null ? "" : ", retryAfter=" + retryAfter) + ")";
            case DELAY -> "delay(" + delay + ")";
            case HANG -> "hang()";
        };
    }
}
