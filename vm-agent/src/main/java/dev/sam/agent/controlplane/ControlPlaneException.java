package dev.sam.agent.controlplane;

import dev.sam.contract.error.Reason;
import java.time.Duration;
import java.util.Optional;

/** A control-plane call that did not succeed, with the reason the API gave (or one derived from the status). */
public final class ControlPlaneException extends Exception {
    private final Reason reason;
    private final int status;
    private final Optional<Duration> retryAfter;

    public ControlPlaneException(Reason reason, int status, Optional<Duration> retryAfter, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Permanent reasons and 4xx answers other than 408/429 are not retried: the same call would fail the same way. */
    public boolean retryable() {
        if (reason.permanent()) {
            return false;
        }
        boolean clientError = status >= 400 && status < 500 && status != 408 && status != 429;
        return !clientError;
    }
}
