package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the emulator only through /_emulator/ and GitHub's endpoints, as another process would. */
class ControlEndpointsTest {
    GitHubEmulator emu;
    GitHubHttp http;

    @BeforeEach
    void start() {
        emu = GitHubEmulator.start();
        http = new GitHubHttp(emu.baseUri());
        ControlEndpointsTest.configure(http);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    /** Registers {@link TestApp} from PEM and installation 31 on acme/api + acme/web. Shared with the main test. */
    static void configure(GitHubHttp http) {
        ok(http.control("POST", "/_emulator/apps", json(Map.of("app_id", TestApp.APP_ID,
                "public_key_pem", PemPublicKeys.format(TestApp.KEYS.getPublic())))));
        ok(http.control("POST", "/_emulator/installations", json(Map.of("id", 31, "account", "acme",
                "permissions", Map.of("contents", "write"), "repositories", java.util.List.of("acme/api")))));
        ok(http.control("POST", "/_emulator/installations/31/repositories",
                json(Map.of("repositories", java.util.List.of("acme/web")))));
    }

    @Test
    void tokensAreListedByHashOnlyAndRevocableByHash() throws Exception {
        String token = mintToken("{\"repositories\":[\"web\"]}");

        HttpResponse<String> listing = ok(http.control("GET", "/_emulator/tokens", null));
        assertFalse(listing.body().contains(token), "raw token must never leave over HTTP");
        assertFalse(listing.body().contains("ghs_"));
        JsonNode row = GitHubHttp.json(listing).get("tokens").get(0);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(sha, row.get("sha256").asText());
        assertEquals(31, row.get("installation_id").asLong());
        assertEquals("acme/web", row.get("repositories").get(0).asText());
        assertFalse(row.get("revoked").asBoolean());

        assertTrue(GitHubHttp.json(ok(http.control("POST", "/_emulator/tokens/revoke",
                json(Map.of("sha256", sha))))).get("revoked").asBoolean());
        assertEquals(401, http.get("/installation/repositories", "token " + token).statusCode());
        assertTrue(GitHubHttp.json(ok(http.control("GET", "/_emulator/tokens", null)))
                .get("tokens").get(0).get("revoked").asBoolean());
    }

    @Test
    void countersReportTotalsPerInstallationAndPerScope() {
        mintToken(null);
        mintToken("{\"repositories\":[\"web\"],\"permissions\":{\"contents\":\"read\"}}");
        mintToken("{\"repositories\":[\"web\"],\"permissions\":{\"contents\":\"read\"}}");
        http.mint(31, "garbage", null);

        JsonNode counters = GitHubHttp.json(ok(http.control("GET", "/_emulator/counters", null)));

        assertEquals(3, counters.get("mints_total").asInt());
        assertEquals(4, counters.get("access_token_requests").asInt());
        assertEquals(3, counters.get("mints_by_installation").get("31").asInt());
        assertEquals(2, counters.get("mints_by_scope").get("31:acme/web:contents=read").asInt());
        assertEquals(1, counters.get("mints_by_scope").get("31:acme/api,acme/web:contents=write").asInt());
    }

    @Test
    void faultsClockAndTokenSettingsOverHttp() {
        ok(http.control("POST", "/_emulator/faults", "{\"faults\":[{\"type\":\"status\",\"status\":503,"
                + "\"retry_after_seconds\":7},{\"type\":\"secondary_rate_limit_403\",\"retry_after_seconds\":9}]}"));
        HttpResponse<String> first = http.mint(31, TestApp.jwt(), null);
        assertEquals(503, first.statusCode());
        assertEquals("7", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(403, http.mint(31, TestApp.jwt(), null).statusCode());

        ok(http.control("PUT", "/_emulator/token-settings", "{\"format\":\"long\",\"lifetime_seconds\":120}"));
        HttpResponse<String> minted = http.mint(31, TestApp.jwt(), null);
        JsonNode body = GitHubHttp.json(minted);
        assertTrue(body.get("token").asText().length() > 400);
        Instant expiresAt = Instant.parse(body.get("expires_at").asText());
        assertTrue(expiresAt.isBefore(Instant.now().plusSeconds(125)), "lifetime 120 s: " + expiresAt);

        ok(http.control("PUT", "/_emulator/clock", "{\"offset_seconds\":-120}"));
        assertEquals(401, http.mint(31, TestApp.jwt(), null).statusCode());
        ok(http.control("PUT", "/_emulator/clock", "{\"offset_seconds\":0}"));
        assertEquals(201, http.mint(31, TestApp.jwt(), null).statusCode());
    }

    @Test
    void installationLifecycleOverHttp() {
        JsonNode listed = GitHubHttp.json(ok(http.control("GET", "/_emulator/installations", null)));
        assertEquals(TestApp.APP_ID, listed.get("app_ids").get(0).asLong());
        assertEquals("acme/web", listed.get("installations").get(0).get("repositories").get(1).asText());
        ok(http.control("POST", "/_emulator/installations/31/suspend", null));
        assertEquals(403, http.mint(31, TestApp.jwt(), null).statusCode());
        ok(http.control("POST", "/_emulator/installations/31/unsuspend", null));
        assertEquals(201, http.mint(31, TestApp.jwt(), null).statusCode());
        ok(http.control("DELETE", "/_emulator/installations/31", null));
        assertEquals(404, http.mint(31, TestApp.jwt(), null).statusCode());
        assertEquals(0, GitHubHttp.json(ok(http.control("GET", "/_emulator/installations", null)))
                .get("installations").size());

        ok(http.control("POST", "/_emulator/reset", null));
        assertEquals(0, GitHubHttp.json(ok(http.control("GET", "/_emulator/counters", null)))
                .get("access_token_requests").asInt());
    }

    @Test
    void badControlInputIs400WithAMessage() {
        HttpResponse<String> badPem = http.control("POST", "/_emulator/apps",
                json(Map.of("app_id", 5, "public_key_pem", "nope")));
        assertEquals(400, badPem.statusCode());
        assertTrue(GitHubHttp.json(badPem).get("message").asText().contains("PEM"));
        HttpResponse<String> badFault = http.control("POST", "/_emulator/faults", "{\"faults\":[{\"type\":\"boom\"}]}");
        assertEquals(400, badFault.statusCode());
        assertEquals(404, http.control("GET", "/_emulator/nothing", null).statusCode());
        HttpResponse<String> badRepo = http.control("POST", "/_emulator/installations",
                json(Map.of("id", 40, "account", "x", "permissions", Map.of(), "repositories", java.util.List.of("noslash"))));
        assertEquals(400, badRepo.statusCode());
    }

    @Test
    void privateKeyPemIsAcceptedForRegistration() {
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestApp.KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ok(http.control("POST", "/_emulator/apps", json(Map.of("app_id", 777, "public_key_pem", pkcs8))));
        long t = Instant.now().getEpochSecond();

        assertEquals(201, http.mint(31, TestApp.sign(TestApp.KEYS.getPrivate(), "777", t - 60, t + 500), null)
                .statusCode());
    }

    private String mintToken(String body) {
        HttpResponse<String> r = http.mint(31, TestApp.jwt(), body);
        assertEquals(201, r.statusCode(), r.body());
        return GitHubHttp.json(r).get("token").asText();
    }

    static HttpResponse<String> ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    static String json(Object value) {
        try {
            return GitHubHttp.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
