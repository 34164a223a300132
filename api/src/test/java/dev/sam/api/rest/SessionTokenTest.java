package dev.sam.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.sam.api.ApiFixtures;
import dev.sam.api.GitHubEmulatorTestResource;
import dev.sam.api.InjectEmulator;
import dev.sam.api.auth.CallbackTokens;
import dev.sam.api.auth.JwsCodec;
import dev.sam.api.service.ApiException;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionTokens;
import dev.sam.emulator.GitHubEmulator;

/** Session tokens: operators only, for an existing workspace, at most an hour, verifiable with the public JWKS, useless as callback tokens. */
@QuarkusTest
@WithTestResource(GitHubEmulatorTestResource.class)
class SessionTokenTest {
    @InjectEmulator
    GitHubEmulator emulator;

    @Inject
    CallbackTokens callbackTokens;

    ApiFixtures.Workspace workspace;

    @BeforeEach
    void setUp() {
        String owner = ApiFixtures.uniqueOwner();
        long installation = ApiFixtures.installation(emulator, owner, List.of("app"));
        workspace = ApiFixtures.workspace(ApiFixtures.node(null), owner + "/app", installation);
    }

    @Test
    void signedForTheWorkspaceWithTheSessionAudienceAndVerifiableWithTheJwks() throws Exception {
        Response r = ApiFixtures.admin().body(Map.of("ttlSeconds", 600)).post(SessionTokens.adminSessionToken(workspace.id()));
        r.then().statusCode(200).body("workspaceId", equalTo(workspace.id()));
        String token = r.path("token");
        JwsCodec.Parsed jws = JwsCodec.parse(token);
        assertTrue(jws.verify(jwksKey()), "verifies against the published JWKS");
        assertEquals(ApiPaths.AUDIENCE_SESSION, jws.claims().get("aud"));
        assertEquals(workspace.id(), jws.claims().get(SessionTokens.CLAIM_WORKSPACE_ID));
        long iat = ((Number) jws.claims().get("iat")).longValue();
        long exp = ((Number) jws.claims().get("exp")).longValue();
        assertEquals(600, exp - iat);
        assertEquals(Instant.ofEpochSecond(exp).toString(), r.path("expiresAt"));
    }

    @Test
    void defaultLifetimeIsFifteenMinutesAndAnHourIsTheMost() {
        String token = ApiFixtures.admin().post(SessionTokens.adminSessionToken(workspace.id())).then().statusCode(200)
                .extract().path("token");
        Map<String, Object> claims = JwsCodec.parse(token).claims();
        assertEquals(SessionTokens.DEFAULT_LIFETIME.toSeconds(),
                ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue());
        ApiFixtures.admin().body(Map.of("ttlSeconds", 3601)).post(SessionTokens.adminSessionToken(workspace.id()))
                .then().statusCode(400).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        ApiFixtures.admin().body(Map.of("ttlSeconds", 0)).post(SessionTokens.adminSessionToken(workspace.id()))
                .then().statusCode(400).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        ApiFixtures.admin().body("[not json").post(SessionTokens.adminSessionToken(workspace.id()))
                .then().statusCode(400).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
    }

    @Test
    void onlyOperatorsAndOnlyForExistingWorkspaces() {
        given().post(SessionTokens.adminSessionToken(workspace.id())).then().statusCode(401)
                .body("reason", equalTo(Reason.UNAUTHENTICATED.code()));
        given().header("Authorization", "Bearer " + workspace.token()).post(SessionTokens.adminSessionToken(workspace.id()))
                .then().statusCode(401).body("reason", equalTo(Reason.TOKEN_INVALID.code()));
        ApiFixtures.admin().post(SessionTokens.adminSessionToken("ws-does-not-exist")).then().statusCode(404)
                .body("reason", equalTo(Reason.WORKSPACE_NOT_FOUND.code()));
    }

    @Test
    void aSessionTokenIsNotACallbackToken() {
        String token = ApiFixtures.admin().post(SessionTokens.adminSessionToken(workspace.id())).then().statusCode(200)
                .extract().path("token");
        ApiException e = assertThrows(ApiException.class, () -> callbackTokens.verify(token));
        assertEquals(Reason.WRONG_AUDIENCE, e.reason());
        ApiFixtures.gitToken(workspace.id(), token).then().statusCode(401).body("reason", equalTo(Reason.WRONG_AUDIENCE.code()));
    }

    private static RSAPublicKey jwksKey() throws Exception {
        Map<String, Object> jwk = given().get(ApiPaths.JWKS).then().statusCode(200).extract().path("keys[0]");
        Base64.Decoder d = Base64.getUrlDecoder();
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, d.decode((String) jwk.get("n"))), new BigInteger(1, d.decode((String) jwk.get("e")))));
    }
}
