package dev.sam.agent.session;

import dev.sam.agent.StubControlPlaneResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Session settings for the agent under test: the ACP test agent configured as {@code test}, a small
 * terminal limit. The control plane is the module's global {@link StubControlPlaneResource} (real
 * RS256 JWTs and JWKS, real-shaped git tokens); this resource is global too, so every
 * {@code @QuarkusTest} of the module shares one boot.
 */
public class SessionTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String TEST_AGENT = "test";
    public static final int PTY_LIMIT = 3;

    /** The stub the running agent talks to. */
    public static StubBridge controlPlane() {
        return new StubBridge(StubControlPlaneResource.controlPlane);
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Map.of(
                "sam.sessions.pty-limit", Integer.toString(PTY_LIMIT),
                "sam.sessions.acp-agents." + TEST_AGENT, java + ",-XX:TieredStopAtLevel=1,-jar," + testAgentJar());
    }

    @Override
    public void stop() {
    }
}
