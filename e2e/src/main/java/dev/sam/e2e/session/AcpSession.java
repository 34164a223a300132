package dev.sam.e2e.session;

import dev.sam.contract.session.SessionSocket;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.acp.AcpFrames;
import dev.sam.contract.session.SessionPaths;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A coding-agent session on the agent's ACP endpoint with the {@code acp-test-agent}: initialize,
 * a new session, one prompt; the agent answers with a report of its environment (token hash
 * prefix, never the token).
 */
public final class AcpSession implements AutoCloseable {
    /** The agent name the local stack configures for {@code acp-test-agent}. */
    public static final String TEST_AGENT = "test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final SessionSocket socket;
    private final List<JsonNode> received = new ArrayList<>();
    private int nextId = 1;

    private AcpSession(SessionSocket socket) {
        this.socket = socket;
    }

    public static AcpSession open(URI agentUrl, String workspaceId, String sessionToken) {
        URI uri = URI.create("ws://" + agentUrl.getAuthority() + SessionPaths.acp(workspaceId) + "?"
                + SessionPaths.QUERY_AGENT + "=" + TEST_AGENT);
        return new AcpSession(SessionSocket.connect(uri, sessionToken));
    }

    /** The test agent's report as a map: {@code gh_token_set}, {@code gh_token_length}, {@code gh_token_sha256_12}, {@code sam_workspace_id}. */
    public Map<String, String> environmentReport() {
        JsonNode init = call(AcpFrames.METHOD_INITIALIZE, "{\"protocolVersion\":1,\"clientCapabilities\":{}}");
        if (!init.has("result")) {
            throw new IllegalStateException("initialize failed: " + init);
        }
        String session = call(AcpFrames.METHOD_SESSION_NEW, "{\"cwd\":\"/workspace\",\"mcpServers\":[]}")
                .path("result").path("sessionId").asText();
        call(AcpFrames.METHOD_SESSION_PROMPT, "{\"sessionId\":\"" + session + "\",\"prompt\":[{\"type\":\"text\",\"text\":\"env?\"}]}");
        for (JsonNode m : received) {
            JsonNode update = m.path("params").path("update");
            if (AcpFrames.METHOD_SESSION_UPDATE.equals(m.path("method").asText())
                    && "agent_message_chunk".equals(update.path("sessionUpdate").asText())) {
                Map<String, String> report = new LinkedHashMap<>();
                for (String pair : update.path("content").path("text").asText().trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    report.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                return report;
            }
        }
        throw new IllegalStateException("the test agent sent no message: " + received);
    }

    private JsonNode call(String method, String params) {
        int id = nextId++;
        socket.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        while (true) {
            String text = socket.next(WAIT);
            if (text == null) {
                throw new IllegalStateException("no answer to " + method + " within " + WAIT.toSeconds() + " s; closed="
                        + socket.closed().getNow(null));
            }
            try {
                JsonNode m = JSON.readTree(text);
                received.add(m);
                if (m.path("id").asInt(-1) == id && (m.has("result") || m.has("error"))) {
                    return m;
                }
            } catch (IOException e) {
                throw new IllegalStateException("not JSON-RPC: " + text, e);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
