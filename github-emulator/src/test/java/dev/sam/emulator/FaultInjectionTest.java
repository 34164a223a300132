package dev.sam.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {
    static final long INSTALLATION = 9001;

    GitHubEmulator emu;
    GitHubHttp http;

    @BeforeEach
    void start() {
        emu = GitHubEmulator.start();
        emu.registerApp(TestApp.APP_ID, TestApp.KEYS.getPublic());
        emu.addInstallation(INSTALLATION, "acme", Map.of("contents", "read"), List.of("acme/api"));
        http = new GitHubHttp(emu.baseUri());
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void faultsAreConsumedInOrderWithRetryAfter() {
        emu.enqueueFaults(
                Fault.status(503).withRetryAfter(Duration.ofSeconds(2)),
                Fault.rateLimited429(Duration.ofSeconds(30)),
                Fault.secondaryRateLimit403(Duration.ofMillis(59_500)),
                Fault.status(500));

        HttpResponse<String> first = http.mint(INSTALLATION, TestApp.jwt(), null);
        HttpResponse<String> second = http.mint(INSTALLATION, TestApp.jwt(), null);
        HttpResponse<String> third = http.mint(INSTALLATION, TestApp.jwt(), null);
        HttpResponse<String> fourth = http.mint(INSTALLATION, TestApp.jwt(), null);
        HttpResponse<String> fifth = http.mint(INSTALLATION, TestApp.jwt(), null);

        assertEquals(503, first.statusCode());
        assertEquals("2", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(429, second.statusCode());
        assertEquals("30", second.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("0", second.headers().firstValue("x-ratelimit-remaining").orElseThrow());
        assertEquals(403, third.statusCode());
        assertEquals("60", third.headers().firstValue("Retry-After").orElseThrow(), "rounded up to whole seconds");
        assertTrue(GitHubHttp.json(third).get("message").asText().startsWith("You have exceeded a secondary rate limit"));
        assertEquals(500, fourth.statusCode());
        assertFalse(fourth.headers().firstValue("Retry-After").isPresent());
        assertEquals(201, fifth.statusCode());
        assertEquals(5, emu.accessTokenRequestCount());
        assertEquals(1, emu.mintCount());
    }

    @Test
    void faultsApplyEvenToRequestsThatWouldFailAuthentication() {
        // Faults come before normal handling: a bad JWT still sees the scripted 502 first.
        emu.enqueueFaults(Fault.status(502));
        assertEquals(502, http.mint(INSTALLATION, "garbage", null).statusCode());
        assertEquals(401, http.mint(INSTALLATION, "garbage", null).statusCode());
    }

    @Test
    void delayedRequestIsThenHandledNormally() {
        emu.enqueueFaults(Fault.delay(Duration.ofSeconds(5)));

        HttpTimeoutException timedOut = assertThrows(HttpTimeoutException.class, () ->
                http.client().send(http.mintRequest(INSTALLATION, TestApp.jwt(), null, Duration.ofMillis(300)),
                        HttpResponse.BodyHandlers.ofString()));
        assertTrue(timedOut.getMessage().contains("timed out"));
        emu.enqueueFaults(Fault.delay(Duration.ofMillis(50)));
        assertEquals(201, http.mint(INSTALLATION, TestApp.jwt(), null).statusCode());
    }

    @Test
    void hangKeepsTheConnectionOpenUntilTheClientGivesUp() throws Exception {
        emu.enqueueFaults(Fault.hang());

        CompletableFuture<HttpResponse<String>> hung = http.client().sendAsync(
                http.mintRequest(INSTALLATION, TestApp.jwt(), null, Duration.ofMillis(800)),
                HttpResponse.BodyHandlers.ofString());
        ExecutionException failure = assertThrows(ExecutionException.class, hung::get);
        assertInstanceOf(HttpTimeoutException.class, failure.getCause());

        // The hung exchange holds one thread only; the next request is served normally.
        assertEquals(201, http.mint(INSTALLATION, TestApp.jwt(), null).statusCode());
        assertEquals(2, emu.accessTokenRequestCount());
        assertEquals(1, emu.mintCount());
    }

    @Test
    void closeReleasesHungExchanges() {
        emu.enqueueFaults(Fault.hang());
        CompletableFuture<HttpResponse<String>> hung = http.client().sendAsync(
                http.mintRequest(INSTALLATION, TestApp.jwt(), null, Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofString());
        awaitRequests(1);

        assertTimeoutPreemptively(Duration.ofSeconds(10), emu::close, "close must not wait for hung exchanges");
        // The client sees the connection end without an answer, long before its own 30 s timeout.
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> hung.get()));
        assertInstanceOf(java.io.IOException.class, failure.getCause());
    }

    @Test
    void resetClearsPendingFaultsAndCounters() {
        emu.enqueueFaults(Fault.status(500), Fault.status(500));
        assertEquals(500, http.mint(INSTALLATION, TestApp.jwt(), null).statusCode());

        emu.reset();

        assertEquals(0, emu.accessTokenRequestCount());
        assertEquals(201, http.mint(INSTALLATION, TestApp.jwt(), null).statusCode());
        assertEquals(1, emu.mintCount());
    }

    private void awaitRequests(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (emu.accessTokenRequestCount() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("emulator never saw request " + n);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10); // polling interval while waiting for a condition, not a synchronization
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
