package dev.sam.agent.bench;

import dev.sam.agent.acp.AcpSessionManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.contract.session.SessionSocket;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.pty.PtyFrame;
import dev.sam.contract.session.SessionPaths;
import dev.sam.contract.session.SessionTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Session latencies against the packaged agent ({@code target/quarkus-app}) started as a real process
 * with a stub control plane: PTY time to first prompt, keystroke echo round trip, ACP connect to
 * {@code session/new} answered. Prints {@code name p50_ms p99_ms n} lines. Used by bench/sessions.sh.
 */
public final class SessionBenchMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "node-bench";
    private static final String WS = "ws-bench";

    private SessionBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("bench.sessions", 20);
        int keys = Integer.getInteger("bench.keys", 200);
        int acpRuns = Integer.getInteger("bench.acp", 5);
        Path agentJar = Path.of(args[0]).toAbsolutePath();
        Path testAgentJar = Path.of(args[1]).toAbsolutePath();
        try (StubControlPlane cp = new StubControlPlane()) {
            Path data = TestAgents.dataDir(Files.createTempDirectory("sam-bench-"));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Dquarkus.http.port=" + port, "-Dsam.agent.node-id=" + NODE,
                    "-Dsam.agent.control-plane-url=" + cp.url(), "-Dsam.agent.data-dir=" + data,
                    "-Dsam.agent.url=http://127.0.0.1:" + port, "-Dsam.agent.helper-dist=/nonexistent-helper-dist",
                    "-Dsam.sessions.pty-limit=" + (sessions + 2),
                    "-Dsam.sessions.acp-agent-dirs.test=" + testAgentJar.getParent(),
                    "-Dsam.sessions.acp-agents.test=" + java + ",-XX:TieredStopAtLevel=1,-jar,"
                            + AcpSessionManager.AGENT_HOME + "/test/" + testAgentJar.getFileName(),
                    "-Dquarkus.log.level=WARN", "-jar", agentJar.toString()));
            Process agent = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolve("agent.log").toFile()).start();
            try {
                String http = "http://127.0.0.1:" + port;
                provision(cp, http);
                String token = cp.jwt(ApiPaths.AUDIENCE_SESSION, WS, Duration.ofMinutes(30), Map.of(SessionTokens.CLAIM_WORKSPACE_ID, WS));
                URI pty = URI.create("ws://127.0.0.1:" + port + SessionPaths.pty(WS));
                URI acp = URI.create("ws://127.0.0.1:" + port + SessionPaths.acp(WS) + "?agent=test");
                ptyOnce(pty, token, 0); // warm-up: first bwrap, JIT
                List<Double> prompt = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    prompt.add(ptyOnce(pty, token, 0).get(0));
                }
                // The first 50 keystrokes warm the agent's JIT for the relay path; they are not counted.
                List<Double> echo = new ArrayList<>(ptyOnce(pty, token, keys + 50).subList(51, keys + 51));
                acpOnce(acp, token); // warm-up
                List<Double> acpNew = new ArrayList<>();
                for (int i = 0; i < acpRuns; i++) {
                    acpNew.add(acpOnce(acp, token));
                }
                report("pty_first_prompt", prompt);
                report("pty_echo_rtt", echo);
                report("acp_session_new", acpNew);
            } finally {
                agent.destroy();
                agent.waitFor();
            }
        }
    }

    private static void provision(StubControlPlane cp, String http) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String body = JSON.writeValueAsString(TestAgents.request(cp, WS, "acme/bench"));
        for (int i = 0; ; i++) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(http + AgentPaths.WORKSPACES))
                        .header("Authorization", "Bearer " + cp.nodeAgentToken(NODE)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    break;
                }
                throw new IllegalStateException("provisioning refused: " + r.statusCode() + " " + r.body());
            } catch (java.io.IOException e) {
                if (i > 600) {
                    throw e;
                }
                Thread.sleep(100); // the agent is still starting
            }
        }
        TestAgents.await("workspace ready", Duration.ofSeconds(60), () -> {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(http + AgentPaths.WORKSPACES + "/" + WS))
                        .header("Authorization", "Bearer " + cp.nodeAgentToken(NODE)).build(), HttpResponse.BodyHandlers.ofString());
                return r.body().contains("\"ready\"");
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Element 0: ms from connect to the first output frame (the prompt); then one echo round trip per key. */
    private static List<Double> ptyOnce(URI uri, String token, int keys) throws Exception {
        List<Double> out = new ArrayList<>();
        long t0 = System.nanoTime();
        try (SessionSocket c = SessionSocket.connect(uri, token)) {
            nextOutput(c);
            out.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(300); // let the rest of the prompt arrive
            while (c.poll() != null) {
                // drain
            }
            for (int i = 0; i < keys; i++) {
                long k = System.nanoTime();
                c.send(JSON.writeValueAsString(PtyFrame.input("x")));
                nextOutput(c);
                out.add((System.nanoTime() - k) / 1e6);
            }
        }
        return out;
    }

    private static void nextOutput(SessionSocket c) throws Exception {
        while (true) {
            JsonNode f = JSON.readTree(c.take(Duration.ofSeconds(30)));
            if (PtyFrame.OUTPUT.equals(f.path("type").asText())) {
                return;
            }
        }
    }

    private static double acpOnce(URI uri, String token) throws Exception {
        long t0 = System.nanoTime();
        try (SessionSocket c = SessionSocket.connect(uri, token)) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":1,\"clientCapabilities\":{}}}");
            c.take(Duration.ofSeconds(60));
            c.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"session/new\",\"params\":{\"cwd\":\"/workspace\",\"mcpServers\":[]}}");
            while (JSON.readTree(c.take(Duration.ofSeconds(60))).path("id").asInt() != 2) {
                // notifications
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static void report(String name, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf("%s p50_ms=%.1f p99_ms=%.1f n=%d%n", name, pct(s, 50), pct(s, 99), s.size());
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
