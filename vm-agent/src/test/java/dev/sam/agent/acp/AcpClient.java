package dev.sam.agent.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.session.SessionSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Speaks ACP over the relay: one JSON-RPC message per websocket text message. */
final class AcpClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(90);
    final SessionSocket socket;
    final List<JsonNode> received = new ArrayList<>();
    private int nextId = 1;

    AcpClient(URI uri, String bearer) throws Exception {
        socket = SessionSocket.connect(uri, bearer);
    }

    /** Sends a request and returns its response; notifications that arrive first are kept in {@link #received}. */
    JsonNode call(String method, String paramsJson) throws Exception {
        int id = nextId++;
        socket.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        while (true) {
            JsonNode m = JSON.readTree(socket.take(WAIT));
            received.add(m);
            if (m.path("id").asInt(-1) == id && (m.has("result") || m.has("error"))) {
                return m;
            }
        }
    }

    /** initialize, session/new, session/prompt; returns the text of the agent's message chunk. */
    String environmentReport() throws Exception {
        JsonNode init = call("initialize", "{\"protocolVersion\":1,\"clientCapabilities\":{}}");
        if (!init.has("result")) {
            throw new AssertionError("initialize failed: " + init);
        }
        String session = call("session/new", "{\"cwd\":\"/workspace\",\"mcpServers\":[]}").path("result").path("sessionId").asText();
        JsonNode done = call("session/prompt", "{\"sessionId\":\"" + session + "\",\"prompt\":[{\"type\":\"text\",\"text\":\"env?\"}]}");
        if (!"end_turn".equals(done.path("result").path("stopReason").asText())) {
            throw new AssertionError("prompt did not end the turn: " + done);
        }
        for (JsonNode m : received) {
            JsonNode update = m.path("params").path("update");
            if ("session/update".equals(m.path("method").asText()) && "agent_message_chunk".equals(update.path("sessionUpdate").asText())) {
                return update.path("content").path("text").asText();
            }
        }
        throw new AssertionError("no agent_message_chunk in " + received);
    }

    @Override
    public void close() {
        socket.close();
    }
}
