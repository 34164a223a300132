package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AppJwtVerificationTest {
    static final long INSTALLATION = 8001;

    GitHubEmulator emu;
    GitHubHttp http;
    long now;

    @BeforeEach
    void start() {
        emu = GitHubEmulator.start();
        emu.registerApp(TestApp.APP_ID, TestApp.KEYS.getPublic());
        emu.addInstallation(INSTALLATION, "acme", Map.of("contents", "read"), List.of("acme/api"));
        http = new GitHubHttp(emu.baseUri());
        now = Instant.now().getEpochSecond();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void wrongKeyIs401() {
        assertRejected(TestApp.sign(TestApp.OTHER_KEYS.getPrivate(), id(), now - 60, now + 540),
                AppJwtVerifier.NOT_DECODED);
    }

    @Test
    void issuerOfAnotherRegisteredAppIs401() {
        emu.registerApp(TestApp.APP_ID + 1, TestApp.OTHER_KEYS.getPublic());

        assertRejected(TestApp.sign(TestApp.KEYS.getPrivate(), Long.toString(TestApp.APP_ID + 1), now - 60, now + 540),
                AppJwtVerifier.NOT_DECODED);
        assertRejected(TestApp.sign(TestApp.KEYS.getPrivate(), "\"my-app\"", now - 60, now + 540),
                AppJwtVerifier.BAD_ISSUER);
    }

    @Test
    void issuerNobodyRegisteredIs404IntegrationNotFound() {
        HttpResponse<String> r = http.mint(INSTALLATION,
                TestApp.sign(TestApp.KEYS.getPrivate(), "99", now - 60, now + 540), null);

        assertEquals(404, r.statusCode());
        assertEquals(AppJwtVerifier.UNKNOWN_ISSUER, GitHubHttp.json(r).get("message").asText());
    }

    @Test
    void issuedAtInTheFutureIs401() {
        assertRejected(TestApp.sign(TestApp.KEYS.getPrivate(), id(), now + 30, now + 540), AppJwtVerifier.BAD_IAT);
    }

    @Test
    void lifetimeOverTenMinutesIs401() {
        assertRejected(TestApp.sign(TestApp.KEYS.getPrivate(), id(), now - 60, now - 60 + 601),
                AppJwtVerifier.EXP_TOO_FAR);
        // Exactly ten minutes is allowed.
        assertEquals(201, http.mint(INSTALLATION,
                TestApp.sign(TestApp.KEYS.getPrivate(), id(), now - 60, now - 60 + 600), null).statusCode());
    }

    @Test
    void expiredIs401() {
        assertRejected(TestApp.sign(TestApp.KEYS.getPrivate(), id(), now - 700, now - 100), AppJwtVerifier.BAD_EXP);
    }

    @Test
    void missingOrMalformedAuthorizationIs401() {
        assertRejected("not-a-jwt", AppJwtVerifier.NOT_DECODED);
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":" + TestApp.APP_ID + ",\"iat\":" + (now - 60) + ",\"exp\":" + (now + 500) + "}").getBytes());
        assertRejected(header + "." + claims + ".", AppJwtVerifier.NOT_DECODED);
        HttpResponse<String> noAuth = http.send(java.net.http.HttpRequest.newBuilder(
                emu.baseUri().resolve("/app/installations/" + INSTALLATION + "/access_tokens"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(401, noAuth.statusCode());
        assertEquals(0, emu.mintCount());
    }

    @Test
    void clockOffsetDecidesAtTheIssuedAtBoundary() {
        // The API backdates iat by 60 s. GitHub 45 s behind still accepts; 120 s behind rejects.
        String jwt = TestApp.jwt(Instant.ofEpochSecond(now));

        emu.setClockOffset(Duration.ofSeconds(-45));
        assertEquals(201, http.mint(INSTALLATION, jwt, null).statusCode());

        emu.setClockOffset(Duration.ofSeconds(-120));
        HttpResponse<String> behind = http.mint(INSTALLATION, jwt, null);
        assertEquals(401, behind.statusCode());
        assertEquals(AppJwtVerifier.BAD_IAT, GitHubHttp.json(behind).get("message").asText());
    }

    @Test
    void clockOffsetDecidesAtTheExpiryBoundary() {
        String jwt = TestApp.jwt(Instant.ofEpochSecond(now)); // exp = now + 540

        emu.setClockOffset(Duration.ofSeconds(480));
        assertEquals(201, http.mint(INSTALLATION, jwt, null).statusCode());

        emu.setClockOffset(Duration.ofSeconds(600));
        HttpResponse<String> ahead = http.mint(INSTALLATION, jwt, null);
        assertEquals(401, ahead.statusCode());
        assertEquals(AppJwtVerifier.BAD_EXP, GitHubHttp.json(ahead).get("message").asText());
        assertEquals(1, emu.mintCount());
        assertEquals(2, emu.accessTokenRequestCount());
    }

    private void assertRejected(String jwt, String message) {
        HttpResponse<String> r = http.mint(INSTALLATION, jwt, null);
        assertEquals(401, r.statusCode(), r.body());
        JsonNode body = GitHubHttp.json(r);
        assertEquals(message, body.get("message").asText());
        assertEquals("401", body.get("status").asText());
        assertEquals(GitHubError.DOCS_CREATE_TOKEN, body.get("documentation_url").asText());
    }

    private static String id() {
        return Long.toString(TestApp.APP_ID);
    }
}
