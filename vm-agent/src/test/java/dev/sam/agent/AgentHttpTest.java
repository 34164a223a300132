package dev.sam.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sam.agent.credential.GitCredentialResource;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.api.CallbackTokenClaims;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.credential.CredentialCodec;
import dev.sam.contract.credential.CredentialMessage;
import dev.sam.contract.error.Reason;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's HTTP interface, served by Quarkus, against the stub control plane. */
@QuarkusTest
@QuarkusTestResource(StubControlPlaneResource.class)
class AgentHttpTest {
    static final String NODE = "node-test";

    static StubControlPlane cp() {
        return StubControlPlaneResource.controlPlane;
    }

    static String apiBearer() {
        return "Bearer " + cp().nodeAgentToken(NODE);
    }

    static String provision(String id, String repo) {
        given().header("Authorization", apiBearer()).contentType(ContentType.JSON)
                .body(new ProvisionRequest(id, repo, "main", cp().callbackToken(id), Map.of()))
                .post(AgentPaths.WORKSPACES).then().statusCode(202).body("workspaceId", equalTo(id));
        TestAgents.await(id + " ready", Duration.ofSeconds(30), () -> {
            String state = given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/" + id).path("state");
            return !WorkspaceStatus.CREATING.equals(state);
        });
        try {
            return "Bearer " + Files.readString(StubControlPlaneResource.dataDir.resolve("workspaces/" + id + "/root/etc/sam/workspace-credential"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String ask(String protocol, String host) {
        return "protocol=" + protocol + "\nhost=" + host + "\n\n";
    }

    @Test
    void provisioningRequiresTheApisTokenForThisNode() {
        ProvisionRequest r = new ProvisionRequest("ws-auth", "acme/app", "main", cp().callbackToken("ws-auth"), Map.of());
        given().contentType(ContentType.JSON).body(r).post(AgentPaths.WORKSPACES)
                .then().statusCode(401).body("reason", equalTo(Reason.UNAUTHENTICATED.code()));
        given().header("Authorization", "Bearer " + cp().jwt(ApiPaths.AUDIENCE_SESSION, NODE, Duration.ofMinutes(5), Map.of()))
                .contentType(ContentType.JSON).body(r).post(AgentPaths.WORKSPACES)
                .then().statusCode(401).body("reason", equalTo(Reason.WRONG_AUDIENCE.code()));
        given().header("Authorization", "Bearer " + cp().jwt(CallbackTokenClaims.AUDIENCE_NODE_AGENT, NODE, Duration.ofMinutes(-5), Map.of()))
                .contentType(ContentType.JSON).body(r).post(AgentPaths.WORKSPACES)
                .then().statusCode(401).body("reason", equalTo(Reason.TOKEN_EXPIRED.code()));
        given().header("Authorization", "Bearer " + cp().nodeAgentToken("other-node"))
                .contentType(ContentType.JSON).body(r).post(AgentPaths.WORKSPACES)
                .then().statusCode(403).body("reason", equalTo(Reason.FORBIDDEN.code()));
        String forged = cp().nodeAgentToken(NODE);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
        given().header("Authorization", "Bearer " + forged).contentType(ContentType.JSON).body(r).post(AgentPaths.WORKSPACES)
                .then().statusCode(401).body("reason", equalTo(Reason.TOKEN_INVALID.code()));
    }

    @Test
    void malformedWorkspaceIdsAreRejected() {
        for (String id : List.of("../etc", "a/b", "a\\b", "..", "x\u0001y", "x".repeat(65), "", "-lead", "a..b")) {
            given().header("Authorization", apiBearer()).contentType(ContentType.JSON)
                    .body(Map.of("workspaceId", id, "repository", "acme/app", "callbackToken", cp().callbackToken("x")))
                    .post(AgentPaths.WORKSPACES).then().statusCode(400).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        }
        given().header("Authorization", apiBearer()).contentType(ContentType.JSON).body("{not json")
                .post(AgentPaths.WORKSPACES).then().statusCode(400).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        assertFalse(Files.exists(StubControlPlaneResource.dataDir.resolve("etc")));
    }

    /** Refused at once with the cause, not accepted and failed later as provisioning_failed; nothing is made on disk. */
    @Test
    void requestsBootstrapCannotRenderAreRefusedBeforeAnythingIsMade() {
        Map<String, Map<String, Object>> refused = Map.of(
                "ws-own-name", Map.of("env", Map.of("GH_TOKEN", "hijack")),
                "ws-loader", Map.of("env", Map.of("LD_PRELOAD", "/tmp/x.so")),
                "ws-nul", Map.of("env", Map.of("FOO", "a\u0000b")),
                "ws-branch", Map.of("branch", "main\n[core]\n\tsshCommand=evil"),
                "ws-repo", Map.of("repository", "acme/\u007fapp"));
        refused.forEach((id, fields) -> {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("workspaceId", id, "repository", "acme/app", "branch", "main",
                    "callbackToken", cp().callbackToken(id)));
            body.putAll(fields);
            given().header("Authorization", apiBearer()).contentType(ContentType.JSON).body(body).post(AgentPaths.WORKSPACES)
                    .then().statusCode(400).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
            assertFalse(Files.exists(StubControlPlaneResource.dataDir.resolve("workspaces/" + id)), id);
            given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/" + id).then().statusCode(404);
        });
        given().header("Authorization", apiBearer()).contentType(ContentType.JSON)
                .body(Map.of("workspaceId", "ws-own-name", "repository", "acme/app", "callbackToken", cp().callbackToken("ws-own-name"),
                        "env", Map.of("GH_TOKEN", "hijack")))
                .post(AgentPaths.WORKSPACES).then().body("message", containsString("GH_TOKEN is SAM's own"));
    }

    @Test
    void anExistingIdAskedForAnotherRepositoryIs409Conflict() {
        provision("ws-clash", "acme/app");
        given().header("Authorization", apiBearer()).contentType(ContentType.JSON)
                .body(new ProvisionRequest("ws-clash", "other/lib", "main", cp().callbackToken("ws-clash"), Map.of()))
                .post(AgentPaths.WORKSPACES).then().statusCode(409).body("reason", equalTo(Reason.CONFLICT.code()));
        given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/ws-clash").then().statusCode(200)
                .body("state", equalTo(WorkspaceStatus.READY));
    }

    /** Whatever no handler of ours answers (unknown path, path normalised away, wrong method, body too large) still carries a reason. */
    @Test
    void refusalsOutsideOurHandlersAreJsonWithAReason() {
        given().get("/no-such-endpoint").then().statusCode(404).contentType(ContentType.JSON)
                .body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        given().urlEncodingEnabled(false).header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/%2e%2e")
                .then().statusCode(404).contentType(ContentType.JSON).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/")
                .then().statusCode(405).contentType(ContentType.JSON).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        given().get(AgentPaths.GIT_CREDENTIAL).then().statusCode(405).header("Allow", "POST").contentType(ContentType.JSON)
                .body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        given().body("x".repeat(CredentialCodec.MAX_MESSAGE_BYTES + 1)).post(AgentPaths.GIT_CREDENTIAL)
                .then().statusCode(413).contentType(ContentType.JSON).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
    }

    @Test
    void statusShowsStateAndExpiryButNeverTheToken() {
        provision("ws-status", "acme/app");
        String body = given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/ws-status")
                .then().statusCode(200).body("state", equalTo(WorkspaceStatus.READY))
                .body("credentials", equalTo(WorkspaceStatus.CREDENTIALS_LIVE))
                .body("tokenExpiresAt", not(emptyString())).extract().asString();
        assertFalse(body.contains(cp().tokensIssued("ws-status").get(0)));
        given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/nope").then().statusCode(404)
                .body("reason", equalTo(Reason.WORKSPACE_NOT_FOUND.code()));
    }

    @Test
    void gitCredentialAnswersOnlyItsOwnWorkspaceAndOnlyServedHosts() {
        String a = provision("ws-ha", "acme/alpha");
        String b = provision("ws-hb", "acme/beta");
        String tokenA = cp().tokensIssued("ws-ha").get(0);
        String tokenB = cp().tokensIssued("ws-hb").get(0);

        byte[] answer = given().header("Authorization", a).body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL)
                .then().statusCode(200).extract().asByteArray();
        CredentialMessage m = CredentialCodec.read(answer);
        assertEquals(AgentPaths.TOKEN_USERNAME, m.username().orElseThrow());
        assertEquals(tokenA, m.password().orElseThrow());
        assertEquals(true, m.passwordExpiryUtc().isPresent());

        given().header("Authorization", a).body(ask("https", "ghe.example.com")).post(AgentPaths.GIT_CREDENTIAL)
                .then().statusCode(200).body(containsString(tokenA));
        for (String[] other : List.of(new String[] {"https", "gitlab.com"}, new String[] {"http", "github.com"},
                new String[] {"https", "github.com.evil.example"})) {
            given().header("Authorization", a).body(ask(other[0], other[1])).post(AgentPaths.GIT_CREDENTIAL)
                    .then().statusCode(200).body(emptyString());
        }
        // Whatever A sends, it never gets B's token.
        given().header("Authorization", a).header(GitCredentialResource.WORKSPACE_HEADER, "ws-hb")
                .body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL)
                .then().statusCode(403).body("reason", equalTo(Reason.FORBIDDEN.code()));
        String withPath = "protocol=https\nhost=github.com\npath=acme/beta.git\nusername=ws-hb\n\n";
        given().header("Authorization", a).body(withPath).post(AgentPaths.GIT_CREDENTIAL + "?workspace=ws-hb")
                .then().statusCode(200).body(containsString(tokenA)).body(not(containsString(tokenB)));
        given().header("Authorization", b).body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL)
                .then().statusCode(200).body(containsString(tokenB));

        given().body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL).then().statusCode(401)
                .body("reason", equalTo(Reason.UNAUTHENTICATED.code()));
        given().header("Authorization", "Bearer samwc_not-a-real-one").body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL)
                .then().statusCode(401);
        given().header("Authorization", a).body("no equals sign\n").post(AgentPaths.GIT_CREDENTIAL).then().statusCode(400)
                .body("reason", equalTo(Reason.INVALID_REQUEST.code()));

        given().header("Authorization", a).get(AgentPaths.GIT_CREDENTIAL_STATUS).then().statusCode(200)
                .body("workspaceId", equalTo("ws-ha")).body("state", equalTo("live")).body(not(containsString(tokenA)));

        int before = cp().gitTokenCalls("ws-ha");
        given().header("Authorization", a).body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL_ERASE).then().statusCode(200);
        given().header("Authorization", a).body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL).then().statusCode(200)
                .body(containsString(cp().tokensIssued("ws-ha").get(1)));
        assertEquals(before + 1, cp().gitTokenCalls("ws-ha"));
    }

    @Test
    void pendingAnswers503WithRetryAfterAndPermanentReasonsPassOn() {
        cp().failTimes("ws-hp", 1_000_000);
        String p = provision("ws-hp", "acme/app");
        given().header("Authorization", p).body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL)
                .then().statusCode(503).header("Retry-After", not(emptyString()))
                .body("reason", equalTo(Reason.CREDENTIALS_PENDING.code()));
        cp().failTimes("ws-hp", 0);

        cp().refuse("ws-hs", Reason.INSTALLATION_SUSPENDED);
        String s = provision("ws-hs", "acme/app");
        given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/ws-hs").then()
                .body("state", equalTo(WorkspaceStatus.FAILED)).body("credentials", equalTo(WorkspaceStatus.CREDENTIALS_FAILED))
                .body("reason", equalTo(Reason.INSTALLATION_SUSPENDED.code()));
        int calls = cp().gitTokenCalls("ws-hs");
        given().header("Authorization", s).body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL)
                .then().statusCode(403).body("reason", equalTo(Reason.INSTALLATION_SUSPENDED.code()));
        assertEquals(calls, cp().gitTokenCalls("ws-hs"), "a permanent reason is not retried per request");
    }

    @Test
    void metricsCountHitsAndFailuresByReason() {
        String m = provision("ws-m", "acme/app");
        given().header("Authorization", m).body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL).then().statusCode(200);
        given().get("/metrics").then().statusCode(200).body("token_cache_hits", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void pingAnswersAFixedBodyWithoutAuthentication() {
        given().body(ask("https", "github.com")).post("/ping").then().statusCode(200).body(equalTo("pong\n"));
    }

    @Test
    void logsNeverCarryATokenOrACredential() throws Exception {
        String c = provision("ws-log", "acme/app");
        given().header("Authorization", c).body(ask("https", "github.com")).post(AgentPaths.GIT_CREDENTIAL).then().statusCode(200);
        org.jboss.logging.Logger.getLogger("test").infof("leak check %s", cp().tokensIssued("ws-log").get(0));
        String log = Files.readString(java.nio.file.Path.of("target/agent-test.log"));
        org.junit.jupiter.api.Assertions.assertTrue(log.contains("leak check [REDACTED]"), "the filter is installed");
        for (String t : cp().tokensIssued("ws-log")) {
            assertFalse(log.contains(t));
        }
        assertFalse(log.contains(c.substring(7)));
    }

    @Test
    void aRotatedSigningKeyIsPickedUpFromTheJwks() throws Exception {
        given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/none").then().statusCode(404);
        int fetches = cp().jwksFetches();
        cp().rotateKey("k-rotated-" + System.nanoTime());
        // Unknown kids trigger a refetch at most every few seconds, so poll until the new key is known.
        TestAgents.await("rotated key accepted", Duration.ofSeconds(15),
                () -> given().header("Authorization", apiBearer()).get(AgentPaths.WORKSPACES + "/none").statusCode() == 404);
        org.junit.jupiter.api.Assertions.assertTrue(cp().jwksFetches() <= fetches + 2, "JWKS fetches are rate-limited");
    }
}
