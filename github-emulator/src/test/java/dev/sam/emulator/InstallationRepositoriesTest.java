package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallationRepositoriesTest {
    static final long INSTALLATION = 5001;

    GitHubEmulator emu;
    GitHubHttp http;

    @BeforeEach
    void start() {
        emu = GitHubEmulator.start();
        emu.registerApp(TestApp.APP_ID, TestApp.KEYS.getPublic());
        emu.addInstallation(INSTALLATION, "acme", Map.of("contents", "write"), List.of("acme/api", "acme/web"));
        http = new GitHubHttp(emu.baseUri());
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void freshTokenListsItsRepositoriesWithEitherScheme() {
        String token = mint("{\"repositories\":[\"web\"]}");

        for (String scheme : List.of("token ", "Bearer ")) {
            HttpResponse<String> r = http.get("/installation/repositories", scheme + token);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = GitHubHttp.json(r);
            assertEquals(1, body.get("total_count").asInt());
            assertEquals("acme/web", body.get("repositories").get(0).get("full_name").asText());
        }
        assertTrue(emu.validToken(token, Instant.now()).isPresent());
    }

    @Test
    void longFormatTokenIsAcceptedToo() {
        emu.setTokenFormat(TokenFormat.LONG);
        String token = mint(null);

        JsonNode body = GitHubHttp.json(http.get("/installation/repositories", "token " + token));
        assertEquals(2, body.get("total_count").asInt());
    }

    @Test
    void expiredTokenIsBadCredentials() {
        emu.setTokenLifetime(Duration.ofMinutes(1));
        String token = mint(null);
        assertEquals(200, http.get("/installation/repositories", "token " + token).statusCode());

        emu.setClockOffset(Duration.ofSeconds(61));

        assertBadCredentials(token);
        IssuedToken issued = emu.issuedTokens().get(0);
        assertTrue(emu.validToken(token, issued.expiresAt().minusSeconds(1)).isPresent());
        assertTrue(emu.validToken(token, issued.expiresAt()).isEmpty(), "expiry is exclusive");
    }

    @Test
    void revokedTokenIsBadCredentials() {
        String token = mint(null);
        String other = mint(null);

        emu.revoke(token);

        assertBadCredentials(token);
        assertEquals(200, http.get("/installation/repositories", "token " + other).statusCode());
        assertTrue(emu.validToken(token, Instant.now()).isEmpty());
    }

    @Test
    void tokenRevokesItselfWithDeleteInstallationToken() {
        String token = mint(null);
        String other = mint(null);

        HttpResponse<String> revoked = http.send(java.net.http.HttpRequest.newBuilder(
                        emu.baseUri().resolve("/installation/token"))
                .header("Authorization", "token " + token).timeout(GitHubHttp.TIMEOUT).DELETE().build());

        assertEquals(204, revoked.statusCode());
        assertEquals("", revoked.body());
        assertBadCredentials(token);
        assertEquals(200, http.get("/installation/repositories", "token " + other).statusCode());
    }

    @Test
    void unknownTokenAndSuspendedInstallationAreRefused() {
        assertBadCredentials("ghs_" + "a".repeat(36));
        assertEquals(401, http.get("/installation/repositories", null).statusCode());

        String token = mint(null);
        emu.suspendInstallation(INSTALLATION);
        assertEquals(403, http.get("/installation/repositories", "token " + token).statusCode());
        assertTrue(emu.validToken(token, Instant.now()).isEmpty());
        emu.removeInstallation(INSTALLATION);
        assertBadCredentials(token);
    }

    private String mint(String body) {
        HttpResponse<String> r = http.mint(INSTALLATION, TestApp.jwt(), body);
        assertEquals(201, r.statusCode(), r.body());
        return GitHubHttp.json(r).get("token").asText();
    }

    private void assertBadCredentials(String token) {
        HttpResponse<String> r = http.get("/installation/repositories", "token " + token);
        assertEquals(401, r.statusCode());
        assertEquals("Bad credentials", GitHubHttp.json(r).get("message").asText());
    }
}
