package dev.sam.agent.controlplane;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.GitTokenResponse;
import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's calls to the control plane. Every call has a timeout; the caller decides about retries
 * from {@link ControlPlaneException#retryable()}. Tokens travel only in the Authorization header.
 */
public final class ControlPlaneClient {
    static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public ControlPlaneClient(String baseUrl, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String baseUrl() {
        return base.toString();
    }

    public GitTokenResponse gitToken(String workspaceId, String bearer) throws ControlPlaneException {
        JsonNode body = post(ApiPaths.gitToken(workspaceId), bearer, "{}");
        try {
            GitTokenResponse r = JSON.treeToValue(body, GitTokenResponse.class);
            if (r.token().isBlank()) {
                // Never let an empty token through as if it were a success.
                throw new ControlPlaneException(Reason.INTERNAL_ERROR, 200, Optional.empty(), "control plane answered an empty token");
            }
            return r;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new ControlPlaneException(Reason.INTERNAL_ERROR, 200, Optional.empty(), "unreadable git-token answer");
        }
    }

    public void reportReady(String workspaceId, String bearer, Object status) throws ControlPlaneException {
        post(ApiPaths.WORKSPACE_READY.replace("{id}", workspaceId), bearer, write(status));
    }

    public void reportFailed(String workspaceId, String bearer, ErrorBody error) throws ControlPlaneException {
        post(ApiPaths.WORKSPACE_FAILED.replace("{id}", workspaceId), bearer, write(error));
    }

    /** Exchanges a still-valid callback token for a fresh one. */
    public CallbackToken refreshCallbackToken(String bearer) throws ControlPlaneException {
        JsonNode body = post(ApiPaths.CALLBACK_TOKEN_REFRESH, bearer, "{}");
        JsonNode token = body.has("token") ? body.get("token") : body.get("callbackToken");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new ControlPlaneException(Reason.INTERNAL_ERROR, 200, Optional.empty(), "unreadable callback-token answer");
        }
        return CallbackToken.of(token.asText());
    }

    /** GETs a JSON document without authentication (the JWKS). */
    public JsonNode getJson(String path) throws ControlPlaneException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
        return send(request, path);
    }

    private JsonNode post(String path, String bearer, String json) throws ControlPlaneException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return send(request, path);
    }

    private JsonNode send(HttpRequest request, String path) throws ControlPlaneException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ControlPlaneException(Reason.CONTROL_PLANE_UNAVAILABLE, 0, Optional.empty(),
                    "control plane unreachable (" + path + "): " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException(Reason.CONTROL_PLANE_UNAVAILABLE, 0, Optional.empty(), "interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                String text = response.body();
                return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (IOException e) {
                throw new ControlPlaneException(Reason.INTERNAL_ERROR, status, Optional.empty(), "unreadable answer from " + path);
            }
        }
        throw new ControlPlaneException(reasonOf(status, response.body()), status, retryAfter(response),
                "control plane answered " + status + " on " + path);
    }

    static Reason reasonOf(int status, String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node != null && node.hasNonNull("reason")) {
                Optional<Reason> r = Reason.fromCode(node.get("reason").asText());
                if (r.isPresent()) {
                    return r.get();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Not an ErrorBody: fall back to the status.
        }
        return switch (status) {
            case 400 -> Reason.INVALID_REQUEST;
            case 401 -> Reason.UNAUTHENTICATED;
            case 403 -> Reason.FORBIDDEN;
            case 404 -> Reason.WORKSPACE_NOT_FOUND;
            default -> Reason.CONTROL_PLANE_UNAVAILABLE;
        };
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String write(Object body) throws ControlPlaneException {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new ControlPlaneException(Reason.INTERNAL_ERROR, 0, Optional.empty(), "cannot encode request");
        }
    }

    /** A callback token and its {@code exp}, read without verification (the API verifies it; we only schedule refreshes). */
    public record CallbackToken(String value, Optional<Instant> expiresAt) {
        public static CallbackToken of(String jwt) {
            return new CallbackToken(jwt, JwtParts.parse(jwt).map(JwtParts::expiresAt).orElse(Optional.empty()));
        }

        @Override
        public String toString() {
            return "CallbackToken[<redacted>, expiresAt=" + expiresAt + "]";
        }
    }
}
