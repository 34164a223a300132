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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessTokenMintTest {
    static final long INSTALLATION = 7001;
    static final Map<String, String> GRANT = Map.of("contents", "write", "metadata", "read");
    static final List<String> REPOS = List.of("acme/api", "acme/web");

    GitHubEmulator emu;
    GitHubHttp http;

    @BeforeEach
    void start() {
        emu = GitHubEmulator.start();
        emu.registerApp(TestApp.APP_ID, TestApp.KEYS.getPublic());
        emu.addInstallation(INSTALLATION, "acme", GRANT, REPOS);
        http = new GitHubHttp(emu.baseUri());
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void classicMintReturns201WithEveryField() {
        Instant before = Instant.now();
        HttpResponse<String> r = http.mint(INSTALLATION, TestApp.jwt(), null);

        assertEquals(201, r.statusCode(), r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = GitHubHttp.json(r);
        String token = body.get("token").asText();
        assertTrue(token.matches("ghs_[A-Za-z0-9]{36}"), "classic shape: " + token.length() + " chars");
        Instant expiresAt = Instant.parse(body.get("expires_at").asText());
        assertTrue(body.get("expires_at").asText().endsWith("Z"));
        assertFalse(expiresAt.isBefore(before.plus(Duration.ofHours(1)).minusSeconds(1)), "expires_at " + expiresAt);
        assertTrue(expiresAt.isBefore(Instant.now().plus(Duration.ofHours(1)).plusSeconds(2)), "expires_at " + expiresAt);
        assertEquals("write", body.get("permissions").get("contents").asText());
        assertEquals("read", body.get("permissions").get("metadata").asText());
        assertEquals("selected", body.get("repository_selection").asText());
        JsonNode repos = body.get("repositories");
        assertEquals(2, repos.size());
        JsonNode api = repos.get(0);
        assertTrue(api.get("id").asLong() > 0);
        assertEquals("api", api.get("name").asText());
        assertEquals("acme/api", api.get("full_name").asText());
        assertTrue(api.get("private").asBoolean());
        assertEquals("acme", api.get("owner").get("login").asText());

        IssuedToken issued = emu.issuedTokens().get(0);
        assertEquals(token, issued.token());
        assertEquals(expiresAt, issued.expiresAt());
        assertEquals(REPOS, issued.repositories());
        assertEquals(1, emu.mintCount());
        assertEquals(1, emu.mintCount(INSTALLATION));
        assertFalse(issued.toString().contains(token), "IssuedToken.toString must not print the token");
    }

    @Test
    void longFormatIsAboutFiveHundredCharsWithDotsAndUnderscores() {
        emu.setTokenFormat(TokenFormat.LONG);
        HttpResponse<String> r = http.mint(INSTALLATION, TestApp.jwt(), null);

        assertEquals(201, r.statusCode(), r.body());
        String token = GitHubHttp.json(r).get("token").asText();
        assertTrue(token.startsWith("ghs_" + TestApp.APP_ID + "_"), token.substring(0, 20));
        assertTrue(token.matches("ghs_[0-9]+_[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+"), "JWT-like body");
        assertTrue(token.length() > 400 && token.length() < 700, "length " + token.length());
        assertTrue(dev.sam.contract.secret.Redactor.containsToken(token), "the shared redactor must catch it");
        assertEquals("[REDACTED]", dev.sam.contract.secret.Redactor.redact(token));
    }

    @Test
    void issuerMayBeAStringOrANumber() {
        long t = Instant.now().getEpochSecond();
        assertEquals(201, http.mint(INSTALLATION,
                TestApp.sign(TestApp.KEYS.getPrivate(), Long.toString(TestApp.APP_ID), t - 60, t + 540), null).statusCode());
        assertEquals(201, http.mint(INSTALLATION,
                TestApp.sign(TestApp.KEYS.getPrivate(), "\"" + TestApp.APP_ID + "\"", t - 60, t + 540), null).statusCode());
    }

    @Test
    void repositoriesAndPermissionsNarrowTheToken() {
        HttpResponse<String> r = http.mint(INSTALLATION, TestApp.jwt(),
                "{\"repositories\":[\"web\"],\"permissions\":{\"contents\":\"read\"}}");

        assertEquals(201, r.statusCode(), r.body());
        JsonNode body = GitHubHttp.json(r);
        assertEquals(1, body.get("repositories").size());
        assertEquals("acme/web", body.get("repositories").get(0).get("full_name").asText());
        assertEquals(Map.of("contents", "read"), GitHubHttp.JSON.convertValue(body.get("permissions"), Map.class));
        IssuedToken issued = emu.issuedTokens().get(0);
        assertEquals(List.of("acme/web"), issued.repositories());
        assertEquals(Map.of("contents", "read"), issued.permissions());
    }

    @Test
    void emptyRepositoryListMeansEveryRepositoryAndAScalarIs422() {
        HttpResponse<String> empty = http.mint(INSTALLATION, TestApp.jwt(), "{\"repositories\":[]}");
        HttpResponse<String> scalar = http.mint(INSTALLATION, TestApp.jwt(), "{\"repositories\":\"web\"}");

        assertEquals(201, empty.statusCode(), empty.body());
        assertEquals(2, GitHubHttp.json(empty).get("repositories").size());
        assertEquals(422, scalar.statusCode(), scalar.body());
    }

    @Test
    void repositoryIdsSelectTheSameRepository() {
        long webId = GitHubHttp.json(http.mint(INSTALLATION, TestApp.jwt(), "{\"repositories\":[\"web\"]}"))
                .get("repositories").get(0).get("id").asLong();

        HttpResponse<String> r = http.mint(INSTALLATION, TestApp.jwt(), "{\"repository_ids\":[" + webId + "]}");

        assertEquals(201, r.statusCode(), r.body());
        assertEquals("acme/web", GitHubHttp.json(r).get("repositories").get(0).get("full_name").asText());
    }

    @Test
    void repositoryOutsideTheInstallationIs422() {
        HttpResponse<String> byName = http.mint(INSTALLATION, TestApp.jwt(), "{\"repositories\":[\"secret\"]}");
        HttpResponse<String> byFullName = http.mint(INSTALLATION, TestApp.jwt(), "{\"repositories\":[\"acme/web\"]}");
        HttpResponse<String> byId = http.mint(INSTALLATION, TestApp.jwt(), "{\"repository_ids\":[1]}");

        for (HttpResponse<String> r : List.of(byName, byFullName, byId)) {
            assertEquals(422, r.statusCode(), r.body());
            JsonNode body = GitHubHttp.json(r);
            assertEquals(AccessTokenIssuer.REPOSITORY_NOT_ACCESSIBLE, body.get("message").asText());
            assertEquals("422", body.get("status").asText());
            assertTrue(body.get("documentation_url").asText().startsWith("https://docs.github.com/"));
        }
        assertEquals(0, emu.mintCount());
        assertEquals(3, emu.accessTokenRequestCount());
    }

    @Test
    void permissionAboveTheGrantIs422() {
        HttpResponse<String> higher = http.mint(INSTALLATION, TestApp.jwt(), "{\"permissions\":{\"metadata\":\"write\"}}");
        HttpResponse<String> absent = http.mint(INSTALLATION, TestApp.jwt(), "{\"permissions\":{\"issues\":\"read\"}}");
        HttpResponse<String> bogus = http.mint(INSTALLATION, TestApp.jwt(), "{\"permissions\":{\"contents\":\"delete\"}}");

        assertEquals(422, higher.statusCode());
        assertEquals(AccessTokenIssuer.PERMISSIONS_NOT_GRANTED, GitHubHttp.json(higher).get("message").asText());
        assertEquals(422, absent.statusCode());
        assertEquals(AccessTokenIssuer.PERMISSIONS_NOT_GRANTED, GitHubHttp.json(absent).get("message").asText());
        assertEquals(422, bogus.statusCode());
        assertEquals(0, emu.mintCount());
    }

    @Test
    void suspendedInstallationIs403UntilUnsuspended() {
        emu.suspendInstallation(INSTALLATION);
        HttpResponse<String> suspended = http.mint(INSTALLATION, TestApp.jwt(), null);

        assertEquals(403, suspended.statusCode());
        assertEquals("This installation has been suspended", GitHubHttp.json(suspended).get("message").asText());
        assertEquals("403", GitHubHttp.json(suspended).get("status").asText());

        emu.unsuspendInstallation(INSTALLATION);
        assertEquals(201, http.mint(INSTALLATION, TestApp.jwt(), null).statusCode());
        assertEquals(1, emu.mintCount());
        assertEquals(2, emu.accessTokenRequestCount());
    }

    @Test
    void unknownRemovedAndForeignInstallationsAre404() {
        emu.addInstallation(TestApp.APP_ID + 1, 7002, "other", GRANT, List.of("other/repo"));
        emu.addInstallation(7003, "gone", GRANT, List.of("gone/repo"));
        emu.removeInstallation(7003);

        for (long id : new long[] {9999, 7002, 7003}) {
            HttpResponse<String> r = http.mint(id, TestApp.jwt(), null);
            assertEquals(404, r.statusCode(), "installation " + id);
            assertEquals("Not Found", GitHubHttp.json(r).get("message").asText());
        }
    }

    @Test
    void malformedBodyIs400() {
        HttpResponse<String> r = http.mint(INSTALLATION, TestApp.jwt(), "{not json");

        assertEquals(400, r.statusCode());
        assertEquals("Problems parsing JSON", GitHubHttp.json(r).get("message").asText());
    }

    @Test
    void getInstallationDescribesItAndShowsSuspension() {
        HttpResponse<String> r = http.get("/app/installations/" + INSTALLATION, "Bearer " + TestApp.jwt());

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = GitHubHttp.json(r);
        assertEquals(INSTALLATION, body.get("id").asLong());
        assertEquals("acme", body.get("account").get("login").asText());
        assertEquals(TestApp.APP_ID, body.get("app_id").asLong());
        assertEquals("write", body.get("permissions").get("contents").asText());
        assertEquals("selected", body.get("repository_selection").asText());
        assertTrue(body.get("suspended_at").isNull());

        emu.suspendInstallation(INSTALLATION);
        JsonNode suspended = GitHubHttp.json(http.get("/app/installations/" + INSTALLATION, "Bearer " + TestApp.jwt()));
        assertTrue(Instant.parse(suspended.get("suspended_at").asText()).isAfter(Instant.now().minusSeconds(60)));

        assertEquals(404, http.get("/app/installations/1234", "Bearer " + TestApp.jwt()).statusCode());
        assertEquals(401, http.get("/app/installations/" + INSTALLATION, null).statusCode());
    }

    @Test
    void unsupportedApiVersionIs400AndSupportedOnesAreEchoed() {
        HttpResponse<String> v3 = http.send(versioned("v3"));
        HttpResponse<String> latest = http.send(versioned(JsonExchange.LATEST_API_VERSION));

        assertEquals(400, v3.statusCode());
        assertTrue(GitHubHttp.json(v3).get("message").asText().contains("\"v3\", is not a supported version"));
        assertEquals(201, latest.statusCode(), latest.body());
        assertEquals(JsonExchange.LATEST_API_VERSION,
                latest.headers().firstValue("X-GitHub-Api-Version-Selected").orElseThrow());
        assertEquals(1, emu.mintCount());
    }

    private java.net.http.HttpRequest versioned(String version) {
        return java.net.http.HttpRequest.newBuilder(
                        emu.baseUri().resolve("/app/installations/" + INSTALLATION + "/access_tokens"))
                .header("Authorization", "Bearer " + TestApp.jwt())
                .header("X-GitHub-Api-Version", version)
                .timeout(GitHubHttp.TIMEOUT)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build();
    }
}
