package dev.sam.api.github;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sam.api.config.SamConfig;
import dev.sam.contract.error.Reason;

/**
 * One HTTP call: {@code POST /app/installations/{id}/access_tokens}. Classifies every answer into a token or a
 * {@link GitHubException} with our reason; GitHub's body is read only to classify and never passed on.
 * Package-private: callers go through {@link GitHubAppClient}, which adds fault tolerance.
 */
@ApplicationScoped
class GitHubHttpClient {
    private static final String API_VERSION = "2022-11-28";

    private final SamConfig.GitHub config;
    private final AppJwtSigner signer;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();

    @Inject
    GitHubHttpClient(SamConfig config, AppJwtSigner signer, ObjectMapper json) {
        this.config = config.github();
        this.signer = signer;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(this.config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    InstallationToken createInstallationToken(TokenScope scope) {
        HttpResponse<String> response;
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("repositories", scope.repositories());
            body.put("permissions", scope.permissions());
            HttpRequest request = HttpRequest.newBuilder(endpoint(scope.installationId()))
                    .timeout(config.timeout())
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", API_VERSION)
                    .header("User-Agent", "sam-api")
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + signer.sign())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GitHubTransientException("GitHub could not be reached: " + e.getClass().getSimpleName(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubTransientException("interrupted while calling GitHub", null, e);
        }
        return classify(response.statusCode(), response.headers().firstValue("Retry-After"),
                response.headers().firstValue("x-ratelimit-remaining"), response.headers().firstValue("x-ratelimit-reset"),
                response.body());
    }

    private URI endpoint(long installationId) {
        String base = config.apiUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/app/installations/" + installationId + "/access_tokens");
    }

    InstallationToken classify(int status, Optional<String> retryAfterHeader, Optional<String> remaining,
            Optional<String> reset, String body) {
        if (status == 201 || status == 200) {
            return parseToken(body);
        }
        String message = messageOf(body).toLowerCase(Locale.ROOT);
        Duration retryAfter = retryAfter(retryAfterHeader, reset);
        boolean rateLimited = status == 429 || (status == 403
                && (retryAfterHeader.isPresent() || remaining.filter("0"::equals).isPresent() || message.contains("rate limit")));
        if (rateLimited) {
            return refuse(Reason.GITHUB_RATE_LIMITED, "GitHub rate-limited the mint",
                    retryAfter != null ? retryAfter : config.rateLimitDefaultWait());
        }
        if (status >= 500 || status == 408) {
            throw new GitHubTransientException("GitHub answered " + status, retryAfter, null);
        }
        return switch (status) {
            // GitHub's wording: "'Issued at' claim ('iat') must be ...", "'Expiration time' claim ('exp') is too far...".
            case 401 -> message.contains("('iat')") || message.contains("('exp')") || message.contains("issued at")
                    || message.contains("expiration time")
                            ? refuse(Reason.CLOCK_SKEW_SUSPECTED, "GitHub rejected the app JWT's time claims; check this host's clock", null)
                            : refuse(Reason.GITHUB_UNAVAILABLE, "GitHub rejected the app credentials; check the app id and key",
                                    config.rateLimitDefaultWait());
            case 403 -> message.contains("suspend")
                    ? refuse(Reason.INSTALLATION_SUSPENDED, "the GitHub App installation is suspended", null)
                    : refuse(Reason.REPOSITORY_NOT_ACCESSIBLE, "GitHub refused a token for this repository", null);
            // "Integration not found" is GitHub's 404 for an unknown app id: our misconfiguration, not the installation.
            case 404 -> message.contains("integration not found")
                    ? refuse(Reason.GITHUB_UNAVAILABLE, "GitHub does not know this App; check the app id", config.rateLimitDefaultWait())
                    : refuse(Reason.INSTALLATION_NOT_FOUND, "GitHub does not know this installation (uninstalled?)", null);
            case 422 -> refuse(Reason.REPOSITORY_NOT_ACCESSIBLE,
                    "the installation does not grant this repository or these permissions", null);
            default -> refuse(Reason.GITHUB_UNAVAILABLE, "GitHub answered " + status, config.rateLimitDefaultWait());
        };
    }

    private InstallationToken parseToken(String body) {
        try {
            JsonNode node = json.readTree(body);
            String token = node.path("token").asText("");
            String expires = node.path("expires_at").asText("");
            if (token.isEmpty() || expires.isEmpty()) {
                throw new GitHubTransientException("GitHub's answer lacked token or expires_at", null, null);
            }
            return new InstallationToken(token, Instant.parse(expires));
        } catch (IOException | DateTimeParseException e) {
            throw new GitHubTransientException("GitHub's answer was not a token", null, null);
        }
    }

    private String messageOf(String body) {
        try {
            return json.readTree(body).path("message").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private Duration retryAfter(Optional<String> header, Optional<String> reset) {
        try {
            if (header.isPresent()) {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(header.get().trim())));
            }
            if (reset.isPresent()) {
                long seconds = Long.parseLong(reset.get().trim()) - clock.instant().getEpochSecond();
                return Duration.ofSeconds(Math.max(1, seconds));
            }
        } catch (NumberFormatException e) {
            // An HTTP-date or garbage: fall back to the caller's default.
        }
        return null;
    }

    private static InstallationToken refuse(Reason reason, String message, Duration retryAfter) {
        throw new GitHubRefusedException(reason, message, retryAfter);
    }
}
