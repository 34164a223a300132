package dev.sam.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.bootstrap.TokenEnvNames;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session environment: file first, the cache for this workspace when the file's token is missing or near expiry. */
class SessionEnvironmentTest {
    @TempDir
    static Path temp;
    static StubControlPlane cp;
    static AgentServices agent;
    static SessionEnvironment env;

    @BeforeAll
    static void start() throws Exception {
        cp = new StubControlPlane();
        agent = TestAgents.start(cp, temp);
        for (String ws : List.of("ws-a", "ws-b", "ws-c", "ws-d")) {
            agent.provisioning().accept(TestAgents.request(cp, ws, "acme/" + ws));
            TestAgents.awaitState(agent, ws, WorkspaceStatus.READY);
        }
        env = new SessionEnvironment(agent.runtime(), agent.tokens(), Clock.systemUTC(), Duration.ofMinutes(20), "sam");
    }

    @AfterAll
    static void stop() {
        agent.close();
        cp.close();
    }

    static String cached(String ws) {
        return agent.tokens().cached(ws).orElseThrow().token();
    }

    static void rewriteToken(String ws, String token, Instant expires) throws Exception {
        Path f = agent.layout().root(ws).resolve(WorkspacePaths.ENV_FILE.substring(1));
        Map<String, String> m = new LinkedHashMap<>(EnvFile.read(Files.readAllBytes(f)));
        m.remove(EnvNames.GH_TOKEN);
        m.remove(TokenEnvNames.GH_TOKEN_EXPIRES_AT);
        if (token != null) {
            m.put(EnvNames.GH_TOKEN, token);
            m.put(TokenEnvNames.GH_TOKEN_EXPIRES_AT, expires.toString());
        }
        Files.write(f, EnvFile.write(m));
    }

    @Test
    void eachWorkspaceGetsItsOwnTokenAndTheFilesOtherValues() {
        Map<String, String> a = env.build("ws-a", Map.of("TERM", "xterm-256color"));
        Map<String, String> b = env.build("ws-b", Map.of());
        assertEquals(cp.tokensIssued("ws-a").get(0), a.get(EnvNames.GH_TOKEN));
        assertEquals(cp.tokensIssued("ws-b").get(0), b.get(EnvNames.GH_TOKEN));
        assertNotEquals(a.get(EnvNames.GH_TOKEN), b.get(EnvNames.GH_TOKEN));
        assertEquals("ws-a", a.get(EnvNames.SAM_WORKSPACE_ID));
        assertEquals("acme/ws-a", a.get(EnvNames.SAM_REPOSITORY));
        assertEquals(TokenEnvNames.SOURCE_SAM, a.get(TokenEnvNames.GH_TOKEN_SOURCE));
        assertEquals("xterm-256color", a.get("TERM"));
        assertEquals("/home/sam", a.get("HOME"));
    }

    @Test
    void aFreshFileTokenIsUsedAsIs() throws Exception {
        String fileToken = StubControlPlane.ghsToken();
        rewriteToken("ws-c", fileToken, Instant.now().plus(Duration.ofMinutes(50)));
        assertEquals(fileToken, env.build("ws-c", Map.of()).get(EnvNames.GH_TOKEN));
    }

    @Test
    void aFileTokenNearExpiryIsReplacedByTheCachedOne() throws Exception {
        String dying = StubControlPlane.ghsToken();
        rewriteToken("ws-a", dying, Instant.now().plus(Duration.ofMinutes(5)));
        Map<String, String> e = env.build("ws-a", Map.of());
        assertEquals(cached("ws-a"), e.get(EnvNames.GH_TOKEN));
        assertEquals(agent.tokens().cached("ws-a").orElseThrow().expiresAt().toString(), e.get(TokenEnvNames.GH_TOKEN_EXPIRES_AT));
    }

    @Test
    void aFileWithoutATokenStillGivesOne() throws Exception {
        rewriteToken("ws-d", null, null);
        Map<String, String> e = env.build("ws-d", Map.of());
        assertEquals(cached("ws-d"), e.get(EnvNames.GH_TOKEN));
        assertFalse(e.get(EnvNames.GH_TOKEN).isEmpty());
    }
}
