package dev.sam.api.rest;

import static dev.sam.api.ApiFixtures.gitToken;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.sam.api.ApiFixtures;
import dev.sam.api.GitHubEmulatorTestResource;
import dev.sam.api.InjectEmulator;
import dev.sam.contract.error.Reason;
import dev.sam.emulator.Fault;
import dev.sam.emulator.GitHubEmulator;

/** One mint per scope under a stampede, the expiry margin, and rate limits honoured without calling GitHub. */
@QuarkusTest
@WithTestResource(GitHubEmulatorTestResource.class)
class GitTokenCachingTest {
    @InjectEmulator
    GitHubEmulator emulator;

    @AfterEach
    void restoreGitHub() {
        emulator.setTokenLifetime(Duration.ofHours(1));
        emulator.reset();
    }

    @Test
    void twoHundredConcurrentColdRequestsMintOnce() throws Exception {
        String owner = ApiFixtures.uniqueOwner();
        long installation = ApiFixtures.installation(emulator, owner, List.of("app"));
        ApiFixtures.Workspace ws = ApiFixtures.workspace(ApiFixtures.node(null), owner + "/app", installation);

        Set<String> tokens = concurrently(200, i -> ws);

        assertEquals(1, tokens.size(), "every caller got the same token");
        assertEquals(1, emulator.mintCount(installation), "GitHub minted once");
    }

    @Test
    void twoWorkspacesOnOneRepositoryShareOneMint() throws Exception {
        String owner = ApiFixtures.uniqueOwner();
        long installation = ApiFixtures.installation(emulator, owner, List.of("app"));
        ApiFixtures.Workspace a = ApiFixtures.workspace(ApiFixtures.node(null), owner + "/app", installation);
        // Same repository, different spelling: GitHub names are case-insensitive.
        ApiFixtures.Workspace b = ApiFixtures.workspace(ApiFixtures.node(null), owner + "/App", installation);

        Set<String> tokens = concurrently(200, i -> i % 2 == 0 ? a : b);

        assertEquals(1, tokens.size());
        assertEquals(1, emulator.mintCount(installation));
    }

    @Test
    void tokenWithLessThanTheMarginLeftIsReplaced() {
        String owner = ApiFixtures.uniqueOwner();
        long installation = ApiFixtures.installation(emulator, owner, List.of("app", "lib"));
        ApiFixtures.Node node = ApiFixtures.node(null);
        ApiFixtures.Workspace enough = ApiFixtures.workspace(node, owner + "/app", installation);
        ApiFixtures.Workspace tooLittle = ApiFixtures.workspace(node, owner + "/lib", installation);

        emulator.setTokenLifetime(Duration.ofMinutes(11));
        String first = token(enough);
        assertEquals(first, token(enough), "11 minutes left is above the 10-minute margin: served from cache");
        assertEquals(1, emulator.mintCount(installation));

        emulator.setTokenLifetime(Duration.ofMinutes(9));
        String short1 = token(tooLittle);
        String short2 = token(tooLittle);
        assertNotEquals(short1, short2, "9 minutes left is under the margin: a new token is minted");
        assertEquals(3, emulator.mintCount(installation));
    }

    @Test
    void rateLimitIsHonouredWithoutCallingGitHubAndValidTokensKeepFlowing() {
        String owner = ApiFixtures.uniqueOwner();
        long installation = ApiFixtures.installation(emulator, owner, List.of("fresh", "aging", "cold"));
        ApiFixtures.Node node = ApiFixtures.node(null);
        ApiFixtures.Workspace fresh = ApiFixtures.workspace(node, owner + "/fresh", installation);
        ApiFixtures.Workspace aging = ApiFixtures.workspace(node, owner + "/aging", installation);
        ApiFixtures.Workspace cold = ApiFixtures.workspace(node, owner + "/cold", installation);
        String freshToken = token(fresh);
        emulator.setTokenLifetime(Duration.ofMinutes(9));
        String agingToken = token(aging);
        emulator.setTokenLifetime(Duration.ofHours(1));

        emulator.enqueueFaults(Fault.secondaryRateLimit403(Duration.ofSeconds(3)));
        int before = emulator.accessTokenRequestCount();
        String retryAfter = gitToken(cold.id(), cold.token()).then().statusCode(503)
                .body("reason", equalTo(Reason.GITHUB_RATE_LIMITED.code())).extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1 && Integer.parseInt(retryAfter) <= 3, retryAfter);
        assertEquals(1, emulator.accessTokenRequestCount() - before, "the limited mint was not retried");

        gitToken(cold.id(), cold.token()).then().statusCode(503).body("reason", equalTo(Reason.GITHUB_RATE_LIMITED.code()));
        assertEquals(freshToken, token(fresh), "a fresh cached token is served during the limit");
        assertEquals(agingToken, token(aging), "a token under the margin but alive is served rather than nothing");
        assertEquals(1, emulator.accessTokenRequestCount() - before, "no call to GitHub before Retry-After passed");

        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> gitToken(cold.id(), cold.token()).statusCode() == 200);
        // The limited call, then exactly one successful mint for "cold" (and the renewal of "aging" not yet asked).
        assertEquals(2, emulator.accessTokenRequestCount() - before);
    }

    private static String token(ApiFixtures.Workspace ws) {
        return gitToken(ws.id(), ws.token()).then().statusCode(200).extract().path("token");
    }

    private static Set<String> concurrently(int n, java.util.function.IntFunction<ApiFixtures.Workspace> which)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ApiFixtures.Workspace ws = which.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return gitToken(ws.id(), ws.token());
                }));
            }
            start.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<Response> f : results) {
                Response r = f.get(120, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.asString());
                tokens.add(r.path("token"));
            }
            return tokens;
        } finally {
            pool.shutdownNow();
        }
    }
}
