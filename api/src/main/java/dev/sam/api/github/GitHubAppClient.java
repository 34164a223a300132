package dev.sam.api.github;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Mints installation tokens with fault tolerance around {@link GitHubHttpClient}: a per-attempt timeout, at most two
 * jittered retries for transient failures (5xx, I/O, timeouts) and none for refusals (4xx, rate limits), and a
 * circuit breaker that counts only transient failures, so a suspended installation cannot open it for everyone.
 * Values are overridable with MicroProfile keys, e.g. {@code dev.sam.api.github.GitHubAppClient/mint/Retry/maxRetries}.
 */
@ApplicationScoped
public class GitHubAppClient {
    public static final int MAX_RETRIES = 2;

    private final GitHubHttpClient http;

    @Inject
    GitHubAppClient(GitHubHttpClient http) {
        this.http = http;
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = MAX_RETRIES, delay = 300, jitter = 200, retryOn = GitHubTransientException.class,
            abortOn = GitHubRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 15, delayUnit = ChronoUnit.SECONDS,
            skipOn = GitHubRefusedException.class)
    public InstallationToken mint(TokenScope scope) {
        return http.createInstallationToken(scope);
    }
}
