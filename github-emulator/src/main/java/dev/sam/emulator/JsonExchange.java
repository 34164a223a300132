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
    static final String LATEST_API_VERSION = "2026-03-10";
    static final java.util.Set<String> SUPPORTED_API_VERSIONS = java.util.Set.of(API_VERSION, LATEST_API_VERSION);
    static final String API_VERSION_HEADER = "X-GitHub-Api-Version";
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

    /** GitHub refuses an unknown {@code X-GitHub-Api-Version} with 400; absent means 2022-11-28. */
    static void requireSupportedApiVersion(HttpExchange exchange) {
        String asked = exchange.getRequestHeaders().getFirst(API_VERSION_HEADER);
        if (asked != null && !SUPPORTED_API_VERSIONS.contains(asked)) {
            throw new GitHubError(400, "The version you specified in the \"X-GitHub-API-Version\" request header, \""
                    + asked + "\", is not a supported version. The following versions are currently supported: \""
                    + LATEST_API_VERSION + "\" (most recent), \"" + API_VERSION + "\".", GitHubError.DOCS_REST);
        }
    }

    void send(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, Map.of(), body);
    }

    void send(HttpExchange exchange, int status, Map<String, String> headers, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        var out = exchange.getResponseHeaders();
        out.set("Content-Type", "application/json; charset=utf-8");
        String asked = exchange.getRequestHeaders().getFirst(API_VERSION_HEADER);
        boolean supported = asked != null && SUPPORTED_API_VERSIONS.contains(asked);
        out.set("X-GitHub-Api-Version-Selected", supported ? asked : API_VERSION);
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

    /** Last resort after an emulator bug: a 500 if headers are not out yet, otherwise drop the connection. */
    void sendServerError(HttpExchange exchange) {
        try {
            sendError(exchange, new GitHubError(500, "Server Error", GitHubError.DOCS_REST));
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }
}
