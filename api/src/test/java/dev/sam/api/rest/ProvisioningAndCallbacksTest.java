package dev.sam.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sam.api.ApiFixtures;
import dev.sam.api.GitHubEmulatorTestResource;
import dev.sam.api.auth.JwsCodec;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CallbackTokenClaims;
import dev.sam.contract.error.Reason;

/** Delivery of a workspace to its node's agent, and the callbacks agents make. */
@QuarkusTest
@WithTestResource(GitHubEmulatorTestResource.class)
class ProvisioningAndCallbacksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String authorization, String body) {
    }

    @Test
    void workspaceIsPostedToTheAgentWithAVerifiableNodeToken() throws Exception {
        LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext(AgentPaths.WORKSPACES, exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        agent.start();
        try {
            ApiFixtures.Node node = ApiFixtures.node("http://127.0.0.1:" + agent.getAddress().getPort());
            ApiFixtures.Workspace ws = ApiFixtures.workspace(node, "octo/app", null);

            Received request = received.poll(30, TimeUnit.SECONDS);
            assertTrue(request != null, "the agent was called");
            JsonNode body = JSON.readTree(request.body());
            assertEquals(ws.id(), body.path("workspaceId").asText());
            assertEquals("octo/app", body.path("repository").asText());
            assertEquals("main", body.path("branch").asText());
            assertEquals(ws.token(), body.path("callbackToken").asText());

            JwsCodec.Parsed jwt = JwsCodec.parse(request.authorization().substring("Bearer ".length()));
            assertTrue(jwt.verify(jwksKey((String) jwt.header().get("kid"))), "signed by a key in the JWKS");
            assertEquals(CallbackTokenClaims.AUDIENCE_NODE_AGENT, jwt.claims().get("aud"));
            assertEquals(node.id(), jwt.claims().get("sub"));
            long exp = ((Number) jwt.claims().get("exp")).longValue();
            assertTrue(exp > Instant.now().getEpochSecond() && exp <= Instant.now().plusSeconds(300).getEpochSecond(),
                    "short-lived");
        } finally {
            agent.stop(0);
        }
    }

    @Test
    void unreachableAgentFailsTheWorkspaceWithNodeUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ApiFixtures.Node node = ApiFixtures.node("http://127.0.0.1:" + closedPort);
        ApiFixtures.Workspace ws = ApiFixtures.workspace(node, "octo/app", null);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "failed"
                .equals(ApiFixtures.admin().get(ApiPaths.ADMIN_WORKSPACES + "/" + ws.id()).path("status")));
        ApiFixtures.admin().get(ApiPaths.ADMIN_WORKSPACES + "/" + ws.id()).then()
                .body("failureReason", equalTo(Reason.NODE_UNREACHABLE.code()));
    }

    @Test
    void readyByTheWorkspaceOrItsNodeButNotAnotherNode() {
        ApiFixtures.Node node = ApiFixtures.node(null);
        ApiFixtures.Workspace ws = ApiFixtures.workspace(node, "octo/app", null);
        ApiFixtures.Node stranger = ApiFixtures.node(null);

        bearer(stranger.token()).post(path(ApiPaths.WORKSPACE_READY, ws.id())).then().statusCode(403)
                .body("reason", equalTo(Reason.FORBIDDEN.code()));
        bearer(ws.token()).post(path(ApiPaths.WORKSPACE_READY, ws.id())).then().statusCode(200)
                .body("status", equalTo("ready"));
        bearer(node.token()).post(path(ApiPaths.WORKSPACE_READY, ws.id())).then().statusCode(200);
    }

    @Test
    void provisioningFailedRecordsAKnownReasonOnly() {
        ApiFixtures.Node node = ApiFixtures.node(null);
        ApiFixtures.Workspace ws = ApiFixtures.workspace(node, "octo/app", null);

        bearer(ws.token()).contentType(ContentType.JSON).body(Map.of("reason", "made_up", "message", "x"))
                .post(path(ApiPaths.WORKSPACE_FAILED, ws.id())).then().statusCode(400)
                .body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        bearer(node.token()).contentType(ContentType.JSON)
                .body(Map.of("reason", Reason.CREDENTIALS_PENDING.code(), "message", "token ghs_" + "a".repeat(36) + " failed"))
                .post(path(ApiPaths.WORKSPACE_FAILED, ws.id())).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureReason", equalTo(Reason.CREDENTIALS_PENDING.code()))
                .body("failureMessage", equalTo("token [REDACTED] failed"));
    }

    @Test
    void heartbeatOnlyFromTheNodeItself() {
        ApiFixtures.Node node = ApiFixtures.node(null);
        ApiFixtures.Workspace ws = ApiFixtures.workspace(node, "octo/app", null);
        bearer(ws.token()).post(path(ApiPaths.NODE_HEARTBEAT, node.id())).then().statusCode(403);
        bearer(node.token()).post(path(ApiPaths.NODE_HEARTBEAT, node.id())).then().statusCode(200)
                .body("status", equalTo("online")).body("lastHeartbeat", notNullValue());
    }

    @Test
    void refreshExchangesAValidTokenForANewOne() {
        ApiFixtures.Node node = ApiFixtures.node(null);
        ApiFixtures.Workspace ws = ApiFixtures.workspace(node, "octo/app", null);
        String fresh = bearer(ws.token()).post(ApiPaths.CALLBACK_TOKEN_REFRESH).then().statusCode(200)
                .body("expiresAt", notNullValue()).extract().path("token");
        assertNotEquals(ws.token(), fresh);
        // The new token speaks for the same workspace: it gets as far as "no installation".
        ApiFixtures.gitToken(ws.id(), fresh).then().statusCode(409).body("reason", equalTo(Reason.NO_INSTALLATION.code()));
        bearer("garbage").post(ApiPaths.CALLBACK_TOKEN_REFRESH).then().statusCode(401)
                .body("reason", equalTo(Reason.TOKEN_INVALID.code()));
    }

    @Test
    void expiresAtIsAnIsoInstantOnTheWire() {
        ApiFixtures.Node node = ApiFixtures.node(null);
        String body = bearer(node.token()).post(ApiPaths.CALLBACK_TOKEN_REFRESH).then().statusCode(200).extract().asString();
        assertTrue(body.matches(".*\"expiresAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\".*"), body);
    }

    private static io.restassured.specification.RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String path(String template, String id) {
        return template.replace("{id}", id);
    }

    private static PublicKey jwksKey(String kid) throws Exception {
        List<Map<String, String>> keys = given().get(ApiPaths.JWKS).then().statusCode(200).extract().path("keys");
        Map<String, String> jwk = keys.stream().filter(k -> kid.equals(k.get("kid"))).findFirst().orElseThrow();
        Base64.Decoder d = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, d.decode(jwk.get("n"))), new BigInteger(1, d.decode(jwk.get("e")))));
    }
}
