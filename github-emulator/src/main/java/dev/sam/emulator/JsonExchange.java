package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;

/** Reads JSON request bodies and writes JSON answers with the headers GitHub sends. */
final class JsonExchange {
    static final String API_VERSION = "2022-11-28";
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final ObjectMapper json;

    JsonExchange(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper mapper() {
        return json;
    }

    /** The body as JSON; an empty body is {@link MissingNode}. Bad JSON is GitHub's 400. */
    JsonNode readBody(HttpExchange exchange, String documentationUrl) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new GitHubError(413, "Payload too large", documentationUrl);
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            throw new GitHubError(400, "Problems parsing JSON", documentationUrl);
        }
    }

    void send(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, Map.of(), body);
    }

    void send(HttpExchange exchange, int status, Map<String, String> headers, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        var out = exchange.getResponseHeaders();
        out.set("Content-Type", "application/json; charset=utf-8");
        out.set("X-GitHub-Api-Version-Selected", API_VERSION);
        out.set("X-GitHub-Request-Id", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        headers.forEach(out::set);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
        exchange.close();
    }

    void sendError(HttpExchange exchange, GitHubError error) throws IOException {
        send(exchange, error.status(), error.headers(), error.body());
    }
}
