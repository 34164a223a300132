package dev.sam.api.service;

import java.time.Duration;
import java.util.Optional;

import dev.sam.contract.error.Reason;

/** A failure with an HTTP status and a machine-readable reason; the REST layer turns it into an {@code ErrorBody}. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final Reason reason;
    private final transient Duration retryAfter;

    public ApiException(int status, Reason reason, String message) {
        this(status, reason, message, null);
    }

    public ApiException(int status, Reason reason, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public static ApiException invalid(String message) {
        return new ApiException(400, Reason.INVALID_REQUEST, message);
    }

    public static ApiException unauthorized(Reason reason, String message) {
        return new ApiException(401, reason, message);
    }

    public int status() {
        return status;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
