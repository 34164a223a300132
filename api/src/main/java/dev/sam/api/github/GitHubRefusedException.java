package dev.sam.api.github;

import java.time.Duration;

import dev.sam.contract.error.Reason;

/** GitHub refused the mint (4xx, rate limit included): not retried inside the request. */
public final class GitHubRefusedException extends GitHubException {
    private static final long serialVersionUID = 1L;

    public GitHubRefusedException(Reason reason, String message, Duration retryAfter) {
        super(reason, message, retryAfter, null);
    }

    public boolean rateLimited() {
        return reason() == Reason.GITHUB_RATE_LIMITED;
    }
}
