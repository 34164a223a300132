package dev.sam.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConcurrentMintTest {
    static final int REQUESTS = 100;

    GitHubEmulator emu;
    GitHubHttp http;

    @BeforeEach
    void start() {
        emu = GitHubEmulator.start();
        emu.registerApp(TestApp.APP_ID, TestApp.KEYS.getPublic());
        emu.addInstallation(1, "acme", Map.of("contents", "read"), List.of("acme/api"));
        emu.addInstallation(2, "globex", Map.of("contents", "read"), List.of("globex/web"));
        http = new GitHubHttp(emu.baseUri());
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void countersAreExactUnderOneHundredConcurrentRequests() {
        List<HttpResponse<String>> responses = fire(REQUESTS);

        assertEquals(REQUESTS, responses.stream().filter(r -> r.statusCode() == 201).count());
        assertEquals(REQUESTS, emu.accessTokenRequestCount());
        assertEquals(REQUESTS, emu.mintCount());
        assertEquals(REQUESTS / 2, emu.mintCount(1));
        assertEquals(REQUESTS / 2, emu.mintCount(2));
        assertEquals(REQUESTS, emu.issuedTokens().size());
        assertEquals(REQUESTS, new HashSet<>(emu.issuedTokens().stream().map(IssuedToken::token).toList()).size(),
                "every token is distinct");
        assertEquals(REQUESTS / 2, emu.issuedTokens().stream().filter(t -> t.installationId() == 1).count());
        assertEquals(Map.of("1:acme/api:contents=read", REQUESTS / 2, "2:globex/web:contents=read", REQUESTS / 2),
                emu.mintCountsByScope());
    }

    @Test
    void eachFaultIsConsumedExactlyOnceUnderConcurrency() {
        Fault[] faults = new Fault[10];
        java.util.Arrays.fill(faults, Fault.status(500));
        emu.enqueueFaults(faults);

        List<HttpResponse<String>> responses = fire(REQUESTS);

        assertEquals(10, responses.stream().filter(r -> r.statusCode() == 500).count());
        assertEquals(REQUESTS - 10, responses.stream().filter(r -> r.statusCode() == 201).count());
        assertEquals(REQUESTS - 10, emu.mintCount());
        assertEquals(REQUESTS, emu.accessTokenRequestCount());
    }

    private List<HttpResponse<String>> fire(int n) {
        String jwt = TestApp.jwt();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(http.client().sendAsync(http.mintRequest(1 + i % 2, jwt, null, GitHubHttp.TIMEOUT),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
