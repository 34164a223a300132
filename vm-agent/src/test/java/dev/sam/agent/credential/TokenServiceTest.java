package dev.sam.agent.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.StubControlPlane;
import dev.sam.agent.controlplane.ControlPlaneClient;
import dev.sam.agent.workspace.WorkspaceCredential;
import dev.sam.agent.workspace.WorkspaceLayout;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.agent.workspace.WorkspaceStore;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.error.Reason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Margins at their boundaries (with a movable clock), single flight, and rewrites on refresh. */
class TokenServiceTest {
    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        volatile Instant now = Instant.now();

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

    @TempDir
    Path temp;
    StubControlPlane cp;
    ExecutorService executor = Executors.newCachedThreadPool();
    MutableClock clock = new MutableClock();
    TokenService tokens;
    List<CachedToken> rewrites = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cp = new StubControlPlane();
        WorkspaceStore store = new WorkspaceStore(new WorkspaceLayout(temp));
        store.load();
        store.putIfAbsent(new WorkspaceRecord("ws-1", "acme/app", "main", Map.of(), cp.callbackToken("ws-1"),
                WorkspaceCredential.sha256("c1"), WorkspaceStatus.READY, null));
        tokens = new TokenService(new ControlPlaneClient(cp.url(), Duration.ofSeconds(5)), store, Optional::empty, clock,
                Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50),
                new AgentMetrics(), executor);
        tokens.setListener((id, t) -> rewrites.add(t));
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        cp.close();
    }

    @Test
    void servesFromCacheAboveTheRefreshMarginWithoutCallingTheControlPlane() {
        CachedToken first = tokens.token("ws-1").token().orElseThrow();
        clock.now = first.expiresAt().minus(Duration.ofMinutes(20));
        assertEquals(first, tokens.token("ws-1").token().orElseThrow());
        assertEquals(1, cp.gitTokenCalls("ws-1"));
    }

    @Test
    void underTheRefreshMarginServesTheCachedTokenAndRefreshesInTheBackground() {
        CachedToken first = tokens.token("ws-1").token().orElseThrow();
        clock.now = first.expiresAt().minus(Duration.ofMinutes(20)).plusSeconds(1);
        assertEquals(first, tokens.token("ws-1").token().orElseThrow());
        dev.sam.agent.TestAgents.await("background refresh", Duration.ofSeconds(5), () -> cp.gitTokenCalls("ws-1") == 2);
        dev.sam.agent.TestAgents.await("new token cached", Duration.ofSeconds(5),
                () -> !tokens.cached("ws-1").orElseThrow().token().equals(first.token()));
        assertEquals(2, rewrites.size(), "every new token is written into the workspace");
    }

    @Test
    void neverServesATokenWithLessThanTheServeMarginLeft() {
        CachedToken first = tokens.token("ws-1").token().orElseThrow();
        clock.now = first.expiresAt().minus(Duration.ofMinutes(10));
        assertEquals(first, tokens.token("ws-1").token().orElseThrow(), "exactly the margin left is still served");
        // The stub's tokens live an hour from real time; a clock 59 min ahead leaves one under the margin.
        cp.tokenLifetime(Duration.ofMinutes(5));
        clock.now = first.expiresAt().minus(Duration.ofMinutes(10)).plusSeconds(1);
        TokenOutcome o = tokens.token("ws-1");
        assertTrue(o.token().isEmpty(), "a token inside the margin is never handed out");
        assertEquals(Reason.CREDENTIALS_PENDING, o.reason());
    }

    @Test
    void concurrentMissesFetchOnce() throws Exception {
        cp.latency(Duration.ofMillis(300));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<TokenOutcome>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return tokens.token("ws-1");
            }, executor));
        }
        go.countDown();
        for (CompletableFuture<TokenOutcome> f : all) {
            assertTrue(f.get().token().isPresent());
        }
        assertEquals(1, cp.gitTokenCalls("ws-1"));
    }

    @Test
    void callbackTokensAreExchangedBeforeTheyExpire() throws Exception {
        WorkspaceStore store = new WorkspaceStore(new WorkspaceLayout(temp.resolve("cb")));
        store.load();
        String shortLived = cp.jwt(dev.sam.contract.api.ApiPaths.AUDIENCE_CALLBACK, "workspace:ws-cb", Duration.ofMinutes(14),
                Map.of("workspace_id", "ws-cb"));
        String longLived = cp.callbackToken("ws-long");
        store.putIfAbsent(new WorkspaceRecord("ws-cb", "acme/app", "main", Map.of(), shortLived, "h1", WorkspaceStatus.READY, null));
        store.putIfAbsent(new WorkspaceRecord("ws-long", "acme/app", "main", Map.of(), longLived, "h2", WorkspaceStatus.READY, null));
        try (BackgroundRefresher r = new BackgroundRefresher(tokens, store, new ControlPlaneClient(cp.url(), Duration.ofSeconds(5)),
                Clock.systemUTC(), Duration.ofMinutes(15))) {
            r.runOnce();
        }
        assertEquals(1, cp.callbackRefreshes(), "only the token with under 15 minutes left is exchanged");
        String fresh = store.get("ws-cb").orElseThrow().callbackToken();
        assertTrue(!fresh.equals(shortLived) && ControlPlaneClient.CallbackToken.of(fresh).expiresAt().orElseThrow()
                .isAfter(Instant.now().plus(Duration.ofHours(1))));
        assertEquals(longLived, store.get("ws-long").orElseThrow().callbackToken());
        // The new token persisted: a restarted agent uses it.
        WorkspaceStore reloaded = new WorkspaceStore(new WorkspaceLayout(temp.resolve("cb")));
        reloaded.load();
        assertEquals(fresh, reloaded.get("ws-cb").orElseThrow().callbackToken());
    }

    @Test
    void eraseDropsTheCachedToken() {
        tokens.token("ws-1");
        tokens.invalidate("ws-1");
        tokens.token("ws-1");
        assertEquals(2, cp.gitTokenCalls("ws-1"));
    }
}
