package dev.sam.api.rest;

import static dev.sam.api.ApiFixtures.gitToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sam.api.ApiFixtures;
import dev.sam.api.GitHubEmulatorTestResource;
import dev.sam.api.InjectEmulator;
import dev.sam.api.auth.JwsCodec;
import dev.sam.api.auth.SigningKeys;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CallbackTokenClaims;
import dev.sam.contract.error.Reason;
import dev.sam.emulator.GitHubEmulator;

/** Who may ask for a workspace's git token: every wrong credential gets its own 401 reason, the wrong owner a 403. */
@QuarkusTest
@WithTestResource(GitHubEmulatorTestResource.class)
class GitTokenAuthTest {
    @InjectEmulator
    GitHubEmulator emulator;

    @Inject
    SigningKeys keys;

    ApiFixtures.Node node;
    ApiFixtures.Workspace workspace;

    @BeforeEach
    void setUp() {
        String owner = ApiFixtures.uniqueOwner();
        long installation = ApiFixtures.installation(emulator, owner, List.of("app"));
        node = ApiFixtures.node(null);
        workspace = ApiFixtures.workspace(node, owner + "/app", installation);
    }

    @Test
    void noCredentialIsUnauthenticated() {
        gitToken(workspace.id(), null).then().statusCode(401).body("reason", equalTo(Reason.UNAUTHENTICATED.code()));
    }

    @Test
    void basicSchemeIsUnauthenticated() {
        io.restassured.RestAssured.given().header("Authorization", "Basic eDp5").post(ApiPaths.gitToken(workspace.id()))
                .then().statusCode(401).body("reason", equalTo(Reason.UNAUTHENTICATED.code()));
    }

    @Test
    void garbageIsInvalid() {
        gitToken(workspace.id(), "not-a-jwt").then().statusCode(401).body("reason", equalTo(Reason.TOKEN_INVALID.code()));
        gitToken(workspace.id(), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").then().statusCode(401)
                .body("reason", equalTo(Reason.TOKEN_INVALID.code()));
    }

    @Test
    void tamperedSignatureIsInvalid() {
        String[] parts = workspace.token().split("\\.");
        String other = ApiFixtures.workspace(node, workspace.repository(), null).token();
        String spliced = parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
        gitToken(workspace.id(), spliced).then().statusCode(401).body("reason", equalTo(Reason.TOKEN_INVALID.code()));
    }

    @Test
    void expiredIsExpired() {
        String token = forge(ApiPaths.AUDIENCE_CALLBACK, CallbackTokenClaims.TYPE_WORKSPACE, workspace.id(), -60);
        gitToken(workspace.id(), token).then().statusCode(401).body("reason", equalTo(Reason.TOKEN_EXPIRED.code()));
    }

    @Test
    void wrongAudienceIsRefused() {
        String token = forge(ApiPaths.AUDIENCE_SESSION, CallbackTokenClaims.TYPE_WORKSPACE, workspace.id(), 600);
        gitToken(workspace.id(), token).then().statusCode(401).body("reason", equalTo(Reason.WRONG_AUDIENCE.code()));
    }

    @Test
    void wrongTypeIsRefused() {
        String token = forge(ApiPaths.AUDIENCE_CALLBACK, "session", workspace.id(), 600);
        gitToken(workspace.id(), token).then().statusCode(401).body("reason", equalTo(Reason.WRONG_TOKEN_TYPE.code()));
    }

    @Test
    void anotherWorkspacesTokenIsForbidden() {
        ApiFixtures.Workspace other = ApiFixtures.workspace(node, workspace.repository(), null);
        gitToken(workspace.id(), other.token()).then().statusCode(403).body("reason", equalTo(Reason.FORBIDDEN.code()));
    }

    @Test
    void anotherNodesTokenIsForbidden() {
        ApiFixtures.Node other = ApiFixtures.node(null);
        gitToken(workspace.id(), other.token()).then().statusCode(403).body("reason", equalTo(Reason.FORBIDDEN.code()));
    }

    @Test
    void ownTokenAndHostingNodesTokenBothGetTheToken() {
        String own = gitToken(workspace.id(), workspace.token()).then().log().ifValidationFails().statusCode(200)
                .body("expiresAt", notNullValue()).extract().path("token");
        String viaNode = gitToken(workspace.id(), node.token()).then().statusCode(200).extract().path("token");
        org.junit.jupiter.api.Assertions.assertEquals(own, viaNode, "same scope, same cached token");
        org.junit.jupiter.api.Assertions.assertTrue(emulator.validToken(own, Instant.now()).isPresent(),
                "GitHub knows the token handed out");
    }

    @Test
    void unknownWorkspaceForItsNodeIsNotFound() {
        gitToken("ws-doesnotexist0000000", node.token()).then().statusCode(404)
                .body("reason", equalTo(Reason.WORKSPACE_NOT_FOUND.code()));
    }

    @Test
    void workspaceWithoutInstallationHasNone() {
        ApiFixtures.Workspace bare = ApiFixtures.workspace(node, workspace.repository(), null);
        gitToken(bare.id(), bare.token()).then().statusCode(409).body("reason", equalTo(Reason.NO_INSTALLATION.code()));
    }

    private String forge(String audience, String type, String subject, long expiresInSeconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "RS256", "kid", keys.kid()));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "sam-api");
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put(CallbackTokenClaims.TYPE, type);
        claims.put("iat", now - 3600);
        claims.put("exp", now + expiresInSeconds);
        return JwsCodec.sign(header, claims, keys.privateKey());
    }
}
