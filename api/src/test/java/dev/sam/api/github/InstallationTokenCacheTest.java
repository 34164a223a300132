package dev.sam.api.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.sam.contract.error.Reason;

/** The cache's rules on a controlled clock: margin boundary, single flight, stale-while-refused. */
class InstallationTokenCacheTest {
    private static final Duration MARGIN = Duration.ofMinutes(10);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenScope scope = TokenScope.of(1, "app", Map.of("contents", "write"));

    @Test
    void servesUntilExactlyTheMarginIsLeftThenMints() {
        AtomicInteger mints = new AtomicInteger();
        InstallationTokenCache cache = cache(s -> new InstallationToken("t" + mints.incrementAndGet(),
                clock.instant().plus(Duration.ofHours(1))));
        InstallationToken first = cache.get(scope);
        clock.advance(Duration.ofMinutes(50));
        assertSame(first, cache.get(scope), "exactly 10 minutes left: still served");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("t2", cache.get(scope).token(), "one second less: replaced");
    }

    @Test
    void concurrentMissesMintOnce() throws Exception {
        AtomicInteger mints = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        InstallationTokenCache cache = cache(s -> {
            mints.incrementAndGet();
            await(release);
            return new InstallationToken("only", clock.instant().plus(Duration.ofHours(1)));
        });
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            Future<?>[] calls = new Future<?>[64];
            for (int i = 0; i < calls.length; i++) {
                calls[i] = pool.submit(() -> cache.get(scope));
            }
            Thread.sleep(0); // callers pile up on the in-flight mint; release proves they all waited for it
            release.countDown();
            for (Future<?> f : calls) {
                assertEquals("only", ((InstallationToken) f.get(10, TimeUnit.SECONDS)).token());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, mints.get());
    }

    @Test
    void stillValidTokenIsServedWhileRateLimitedButNotAfterItExpires() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        InstallationTokenCache cache = cache(s -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return new InstallationToken("t", clock.instant().plus(Duration.ofHours(1)));
        });
        InstallationToken token = cache.get(scope);
        failure.set(new GitHubRefusedException(Reason.GITHUB_RATE_LIMITED, "limited", Duration.ofSeconds(30)));
        clock.advance(Duration.ofMinutes(55));
        assertSame(token, cache.get(scope), "5 minutes left, GitHub limited: better than nothing");
        clock.advance(Duration.ofMinutes(5));
        GitHubException e = assertThrows(GitHubException.class, () -> cache.get(scope));
        assertEquals(Reason.GITHUB_RATE_LIMITED, e.reason());
    }

    @Test
    void refusalsOtherThanLimitsAreNotMaskedByTheCache() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        InstallationTokenCache cache = cache(s -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return new InstallationToken("t", clock.instant().plus(Duration.ofHours(1)));
        });
        cache.get(scope);
        failure.set(new GitHubRefusedException(Reason.INSTALLATION_SUSPENDED, "suspended", null));
        clock.advance(Duration.ofMinutes(55));
        assertEquals(Reason.INSTALLATION_SUSPENDED, assertThrows(GitHubException.class, () -> cache.get(scope)).reason());
    }

    @Test
    void rateLimitBlocksMintingUntilRetryAfterPasses() {
        AtomicInteger calls = new AtomicInteger();
        InstallationTokenCache cache = cache(s -> {
            if (calls.incrementAndGet() == 1) {
                throw new GitHubRefusedException(Reason.GITHUB_RATE_LIMITED, "limited", Duration.ofSeconds(30));
            }
            return new InstallationToken("t", clock.instant().plus(Duration.ofHours(1)));
        });
        assertThrows(GitHubException.class, () -> cache.get(scope));
        clock.advance(Duration.ofSeconds(29));
        GitHubException blocked = assertThrows(GitHubException.class, () -> cache.get(scope));
        assertEquals(Duration.ofSeconds(1), blocked.retryAfter().orElseThrow());
        assertEquals(1, calls.get(), "no call while blocked");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("t", cache.get(scope).token());
        assertEquals(2, calls.get());
    }

    private InstallationTokenCache cache(InstallationTokenCache.Minter minter) {
        return new InstallationTokenCache(minter, new RateLimitGate(clock), clock, MARGIN, Duration.ofSeconds(10));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
