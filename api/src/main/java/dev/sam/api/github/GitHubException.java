package dev.sam.api.github;

import java.time.Duration;
import java.util.Optional;

import dev.sam.contract.error.Reason;

/**
 * GitHub did not give us a token. Carries our reason and, when GitHub said so, how long to wait; never GitHub's body.
 * Two kinds so fault tolerance can tell them apart: {@link GitHubTransientException} (5xx, I/O, timeouts; retried)
 * and {@link GitHubRefusedException} (an answer that will not change by asking again right away; never retried).
 */
public abstract sealed class GitHubException extends RuntimeException
        permits GitHubTransientException, GitHubRefusedException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;
    private final transient Duration retryAfter;

    GitHubException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
