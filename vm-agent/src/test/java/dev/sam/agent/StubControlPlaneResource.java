package dev.sam.agent;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts the stub control plane before Quarkus and points the agent (and a fresh data directory) at it. */
public class StubControlPlaneResource implements QuarkusTestResourceLifecycleManager {
    public static volatile StubControlPlane controlPlane;
    public static volatile Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            controlPlane = new StubControlPlane();
            dataDir = TestAgents.dataDir(Files.createTempDirectory("sam-agent-http"));
            Map<String, String> m = TestAgents.fastSettings(controlPlane, dataDir);
            m.put("sam.agent.node-id", "node-test");
            m.put("sam.agent.extra-hosts", "ghe.example.com");
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
