package dev.sam.api.github;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.sam.api.config.SamConfig;

/** The public face of the package: a cached, single-flight, rate-limit-aware installation token for a scope. */
@ApplicationScoped
public class GitHubTokens {
    /** How long a caller waits for someone else's mint: longer than all retries of one mint. */
    static final Duration WAIT_LIMIT = Duration.ofSeconds(90);
    static final Duration BREAKER_RETRY_AFTER = Duration.ofSeconds(15);

    private final InstallationTokenCache cache;

    @Inject
    public GitHubTokens(GitHubAppClient client, SamConfig config) {
        this.cache = new InstallationTokenCache(scope -> mintThroughFaultTolerance(client, scope),
                new RateLimitGate(Clock.systemUTC()), Clock.systemUTC(), config.github().tokenMinRemaining(), WAIT_LIMIT);
    }

    public InstallationToken get(TokenScope scope) {
        return cache.get(scope);
    }

    public void clear() {
        cache.clear();
    }

    private static InstallationToken mintThroughFaultTolerance(GitHubAppClient client, TokenScope scope) {
        try {
            return client.mint(scope);
        } catch (CircuitBreakerOpenException e) {
            throw new GitHubTransientException("GitHub calls paused after repeated failures", BREAKER_RETRY_AFTER, e);
        } catch (TimeoutException e) {
            throw new GitHubTransientException("GitHub did not answer in time", null, e);
        }
    }
}
