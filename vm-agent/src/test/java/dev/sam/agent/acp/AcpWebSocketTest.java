package dev.sam.agent.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.agent.AgentServices;
import dev.sam.contract.session.SessionSocket;
import dev.sam.agent.session.SessionFixtures;
import dev.sam.agent.session.SessionTestResource;
import dev.sam.contract.bootstrap.TokenEnvNames;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.session.SessionCloseCodes;
import dev.sam.contract.session.SessionPaths;
import dev.sam.contract.workspace.WorkspacePaths;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coding-agent sessions with the ACP SDK test agent as a real process in bubblewrap: the full
 * handshake, the token it sees is its own workspace's (by hash), even before the env file has one,
 * and shell start-up noise never reaches the stream (F-04).
 */
@QuarkusTest
@QuarkusTestResource(SessionTestResource.class)
class AcpWebSocketTest {
    @Inject
    AgentServices agent;

    @TestHTTPResource("/")
    URI base;

    URI acp(String workspaceId) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + SessionPaths.acp(workspaceId) + "?"
                + SessionPaths.QUERY_AGENT + "=" + SessionTestResource.TEST_AGENT);
    }

    static String expectedReport(String workspaceId) {
        String token = SessionFixtures.issued(workspaceId);
        return "gh_token_set=true gh_token_length=" + token.length() + " gh_token_sha256_12="
                + SessionFixtures.sha256(token).substring(0, 12) + " sam_workspace_id=" + workspaceId;
    }

    @Test
    void handshakeAndTheAgentSeesItsWorkspacesToken() throws Exception {
        SessionFixtures.ready(agent, "ws-acp");
        try (AcpClient c = new AcpClient(acp("ws-acp"), SessionFixtures.sessionToken("ws-acp"))) {
            assertEquals(expectedReport("ws-acp"), c.environmentReport());
        }
    }

    @Test
    void twoWorkspacesOnOneNodeEachAgentGetsItsOwnToken() throws Exception {
        SessionFixtures.ready(agent, "ws-one");
        SessionFixtures.ready(agent, "ws-two");
        try (AcpClient one = new AcpClient(acp("ws-one"), SessionFixtures.sessionToken("ws-one"));
                AcpClient two = new AcpClient(acp("ws-two"), SessionFixtures.sessionToken("ws-two"))) {
            String r1 = one.environmentReport();
            String r2 = two.environmentReport();
            assertEquals(expectedReport("ws-one"), r1);
            assertEquals(expectedReport("ws-two"), r2);
            assertNotEquals(r1.split(" ")[2], r2.split(" ")[2]);
        }
    }

    @Test
    void anEnvFileWithoutATokenYetStillGivesTheAgentOne() throws Exception {
        SessionFixtures.ready(agent, "ws-late");
        Path envFile = agent.layout().root("ws-late").resolve(WorkspacePaths.ENV_FILE.substring(1));
        Map<String, String> without = new LinkedHashMap<>(EnvFile.read(Files.readAllBytes(envFile)));
        without.remove(EnvNames.GH_TOKEN);
        without.remove(TokenEnvNames.GH_TOKEN_EXPIRES_AT);
        without.remove(TokenEnvNames.GH_TOKEN_SOURCE);
        Files.write(envFile, EnvFile.write(without));
        try (AcpClient c = new AcpClient(acp("ws-late"), SessionFixtures.sessionToken("ws-late"))) {
            assertEquals(expectedReport("ws-late"), c.environmentReport());
        }
    }

    @Test
    void bannersAndNoisyBashrcNeverReachTheStream() throws Exception {
        SessionFixtures.ready(agent, "ws-noisy");
        Path root = agent.layout().root("ws-noisy");
        // As an image's own profile script would be: among the node's files, bound into every sandbox.
        Files.writeString(agent.layout().nodeRoot().resolve("etc/profile.d/00-banner.sh"), "echo '*** Welcome to the banner ***'\n");
        Path bashrc = root.resolve("home/.bashrc");
        Files.writeString(bashrc, "echo 'hello from bashrc'\nprintf 'not json\\n'\n");
        Files.setAttribute(bashrc, "unix:uid", agent.config().workspaceUid());
        try (AcpClient c = new AcpClient(acp("ws-noisy"), SessionFixtures.sessionToken("ws-noisy"))) {
            c.socket.send("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"initialize\",\"params\":{\"protocolVersion\":1,\"clientCapabilities\":{}}}");
            String first = c.socket.take(AcpClient.WAIT);
            JsonNode frame = AcpClient.JSON.readTree(first);
            assertTrue(first.startsWith("{"), "first bytes are a JSON-RPC frame: " + first);
            assertEquals("2.0", frame.path("jsonrpc").asText());
            assertEquals(99, frame.path("id").asInt());
            assertTrue(c.environmentReport().startsWith("gh_token_set=true"));
            assertTrue(c.socket.all().stream().noneMatch(m -> m.contains("Welcome") || m.contains("bashrc") || m.contains("not json")));
        }
    }

    @Test
    void anUnknownAgentNameIsRefused() throws Exception {
        SessionFixtures.ready(agent, "ws-acp");
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + SessionPaths.acp("ws-acp") + "?agent=rm-rf");
        try (SessionSocket c = SessionSocket.connect(uri, SessionFixtures.sessionToken("ws-acp"))) {
            SessionSocket.Closed closed = c.awaitClosed(Duration.ofSeconds(30));
            assertEquals(SessionCloseCodes.POLICY_VIOLATION, closed.code());
            assertEquals("{\"reason\":\"invalid_request\"}", closed.reason());
        }
    }

    @Test
    void whenTheAgentExitsTheSocketClosesWithItsCode() throws Exception {
        SessionFixtures.ready(agent, "ws-acp");
        try (AcpClient c = new AcpClient(acp("ws-acp"), SessionFixtures.sessionToken("ws-acp"))) {
            c.call("initialize", "{\"protocolVersion\":1,\"clientCapabilities\":{}}");
            AcpSessionManager m = io.quarkus.arc.Arc.container().instance(AcpSessionManager.class).get();
            // Stand-in for a crash: the agent process is killed from outside.
            ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("acp-test-agent.jar"))
                    .forEach(ProcessHandle::destroyForcibly);
            SessionSocket.Closed closed = c.socket.awaitClosed(Duration.ofSeconds(60));
            assertEquals(SessionCloseCodes.NORMAL, closed.code());
            assertTrue(closed.reason().startsWith("{\"reason\":\"exited\",\"code\":"), closed.reason());
            dev.sam.agent.TestAgents.await("session gone", Duration.ofSeconds(10), () -> m.count("ws-acp") == 0);
        }
    }
}
