package dev.sam.api.github;

import java.time.Duration;

import dev.sam.contract.error.Reason;

/** GitHub answered 5xx or 408, or could not be reached in time: worth a bounded, jittered retry. */
public final class GitHubTransientException extends GitHubException {
    private static final long serialVersionUID = 1L;

    GitHubTransientException(String message, Duration retryAfter, Throwable cause) {
        super(Reason.GITHUB_UNAVAILABLE, message, retryAfter, cause);
    }
}
