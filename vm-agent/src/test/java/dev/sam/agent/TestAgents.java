package dev.sam.agent;

import dev.sam.agent.config.AgentConfig;
import dev.sam.agent.runtime.ProcessSpec;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.agent.WorkspaceStatus;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Builds agent configurations for tests (the real mapping, defaults included) and small helpers around a running agent. */
public final class TestAgents {
    private TestAgents() {
    }

    /** Test-scale timings: backoff in tens of milliseconds, bounded to a few seconds. */
    public static Map<String, String> fastSettings(StubControlPlane cp, Path dataDir) {
        Map<String, String> m = new HashMap<>();
        m.put("sam.agent.control-plane-url", cp.url());
        m.put("sam.agent.data-dir", dataDir.toString());
        m.put("sam.agent.backoff-initial", "20ms");
        m.put("sam.agent.backoff-max", "200ms");
        m.put("sam.agent.backoff-total", "3s");
        m.put("sam.agent.refresh-check-interval", "200ms");
        m.put("sam.agent.http-timeout", "5s");
        m.put("sam.agent.helper-dist", "/nonexistent-helper-dist");
        return m;
    }

    /** The agent with test-scale timings over a data directory under {@code tempDir}, started (call close). */
    public static AgentServices start(StubControlPlane cp, Path tempDir) throws IOException {
        return AgentServices.start(config(fastSettings(cp, dataDir(tempDir))), Clock.systemUTC());
    }

    public static AgentConfig config(Map<String, String> values) {
        SmallRyeConfig c = new SmallRyeConfigBuilder()
                .withMapping(AgentConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500))
                .build();
        return c.getConfigMapping(AgentConfig.class);
    }

    /** A data directory the unprivileged sandbox launcher can traverse (JUnit's temp dirs are 0700). */
    public static Path dataDir(Path tempDir) throws IOException {
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path d = tempDir.resolve("data");
        Files.createDirectories(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx--x--x"));
        return d;
    }

    public static ProvisionRequest request(StubControlPlane cp, String id, String repo) {
        return new ProvisionRequest(id, repo, "main", cp.callbackToken(id), Map.of());
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static WorkspaceStatus awaitState(AgentServices agent, String id, String state) {
        await(id + " to be " + state, Duration.ofSeconds(30),
                () -> agent.provisioning().status(id).map(s -> s.state().equals(state)).orElse(false));
        return agent.provisioning().status(id).orElseThrow();
    }

    /** Runs a command in the workspace's sandbox; returns exit code and stdout+stderr. */
    public static Result run(AgentServices agent, String id, List<String> argv, Map<String, String> env) throws Exception {
        Map<String, String> full = new HashMap<>(env);
        full.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        Process p = agent.runtime().start(id, ProcessSpec.of(argv, full, null));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sandboxed process did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    public record Result(int exit, String stdout, String stderr) {
    }
}
