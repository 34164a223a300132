package dev.sam.api.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sam.contract.error.Reason;

/**
 * Installation tokens per {@link TokenScope}, in this process only.
 * <ul>
 * <li>A cached token is served while at least {@code minRemaining} of its life is left.</li>
 * <li>Concurrent misses for one scope mint once: the first caller mints, the others wait for its result.</li>
 * <li>While GitHub rate-limits us or is down, a cached token that has not expired yet is served anyway: it is still
 * better than nothing, and the caller sees its real expiry.</li>
 * </ul>
 */
public final class InstallationTokenCache {
    /** Mints a token for a scope, or throws {@link GitHubException}. */
    @FunctionalInterface
    public interface Minter {
        InstallationToken mint(TokenScope scope);
    }

    private final Minter minter;
    private final RateLimitGate gate;
    private final Clock clock;
    private final Duration minRemaining;
    private final Duration waitLimit;
    private final ConcurrentHashMap<TokenScope, InstallationToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TokenScope, CompletableFuture<InstallationToken>> inFlight = new ConcurrentHashMap<>();

    public InstallationTokenCache(Minter minter, RateLimitGate gate, Clock clock, Duration minRemaining, Duration waitLimit) {
        this.minter = minter;
        this.gate = gate;
        this.clock = clock;
        this.minRemaining = minRemaining;
        this.waitLimit = waitLimit;
    }

    public InstallationToken get(TokenScope scope) {
        InstallationToken cached = tokens.get(scope);
        if (fresh(cached)) {
            return cached;
        }
        try {
            return mintOnce(scope);
        } catch (GitHubException e) {
            if (servesStale(e) && cached != null && clock.instant().isBefore(cached.expiresAt())) {
                return cached;
            }
            throw e;
        }
    }

    private InstallationToken mintOnce(TokenScope scope) {
        CompletableFuture<InstallationToken> mine = new CompletableFuture<>();
        CompletableFuture<InstallationToken> running = inFlight.putIfAbsent(scope, mine);
        if (running != null) {
            return await(running);
        }
        try {
            InstallationToken latest = tokens.get(scope);
            if (fresh(latest)) {
                // Another caller minted between our cache miss and our claim.
                mine.complete(latest);
                return latest;
            }
            gate.check();
            InstallationToken minted;
            try {
                minted = minter.mint(scope);
            } catch (GitHubRefusedException e) {
                if (e.rateLimited()) {
                    gate.block(e.retryAfter().orElse(Duration.ofSeconds(60)));
                }
                throw e;
            }
            tokens.put(scope, minted);
            mine.complete(minted);
            return minted;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(scope, mine);
        }
    }

    private InstallationToken await(CompletableFuture<InstallationToken> running) {
        try {
            return running.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new GitHubTransientException("timed out waiting for a mint in progress", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubTransientException("interrupted waiting for a mint in progress", null, e);
        }
    }

    private boolean fresh(InstallationToken token) {
        return token != null && !clock.instant().plus(minRemaining).isAfter(token.expiresAt());
    }

    private static boolean servesStale(GitHubException e) {
        return e.reason() == Reason.GITHUB_RATE_LIMITED || e.reason() == Reason.GITHUB_UNAVAILABLE;
    }

    /** Drops everything; for operators and tests. */
    public void clear() {
        tokens.clear();
    }
}
