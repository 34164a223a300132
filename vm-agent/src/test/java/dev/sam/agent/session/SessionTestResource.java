package dev.sam.agent.session;

import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Boots the agent against a {@link StubControlPlane} (real RS256 JWTs and JWKS, real-shaped git
 * tokens), over a fresh data directory, with the ACP test agent configured as {@code test}.
 */
public class SessionTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String TEST_AGENT = "test";
    public static final int PTY_LIMIT = 3;
    private static volatile StubControlPlane controlPlane;

    public static StubControlPlane controlPlane() {
        return controlPlane;
    }

    /** The runnable jar built by the acp-test-agent module (a test dependency, so it is built first). */
    public static Path testAgentJar() {
        Path jar = Path.of("..", "acp-test-agent", "target", "acp-test-agent.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build acp-test-agent first: " + jar + " is missing");
        }
        return jar;
    }

    @Override
    public Map<String, String> start() {
        try {
            controlPlane = new StubControlPlane();
            Path temp = Files.createTempDirectory("sam-sessions-");
            Path data = TestAgents.dataDir(temp);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Map<String, String> m = new java.util.HashMap<>(TestAgents.fastSettings(controlPlane, data));
            m.put("quarkus.http.test-port", Integer.toString(port));
            m.put("sam.agent.url", "http://127.0.0.1:" + port);
            m.put("sam.sessions.pty-limit", Integer.toString(PTY_LIMIT));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            m.put("sam.sessions.acp-agents." + TEST_AGENT, java + ",-Xshare:auto,-XX:TieredStopAtLevel=1,-jar," + testAgentJar());
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (controlPlane != null) {
            controlPlane.close();
        }
    }
}
