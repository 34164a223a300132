package dev.sam.emulator.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * git smart HTTP as GitHub answers it: {@code /owner/name(.git)/info/refs?service=...},
 * {@code /git-upload-pack}, {@code /git-receive-pack}. Only Basic auth whose password is a live
 * installation token scoped to that repository gets through; no credentials is 401 (so git asks its
 * helper), a bad token 401, a token for other repositories 404 as GitHub hides private repositories,
 * a push without {@code contents: write} 403.
 */
final class GitSmartHttpHandler implements HttpHandler {
    private static final Pattern ROUTE = Pattern.compile("/([^/]+)/([^/]+?)(?:\\.git)?(/info/refs|/git-upload-pack|/git-receive-pack)");

    private final GitRepositories repositories;
    private final GitTokenCheck tokens;
    private final GitRequestLog log;

    GitSmartHttpHandler(GitRepositories repositories, GitTokenCheck tokens, GitRequestLog log) {
        this.repositories = repositories;
        this.tokens = tokens;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        Matcher m = ROUTE.matcher(exchange.getRequestURI().getRawPath());
        if (!m.matches()) {
            finish(exchange, method, "-", "-", 404, "not_found", null, "Not Found\n");
            return;
        }
        String repository = m.group(1) + "/" + m.group(2);
        String tail = m.group(3);
        Optional<GitService> service = GitService.of(tail, exchange.getRequestURI().getRawQuery());
        String serviceName = service.map(GitService::wireName).orElse("-");
        if (service.isEmpty()) {
            finish(exchange, method, repository, serviceName, 403, "bad_request", null, "Only smart HTTP is served\n");
            return;
        }
        Optional<String> password = basicPassword(exchange.getRequestHeaders().getFirst("Authorization"));
        if (password.isEmpty()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
            finish(exchange, method, repository, serviceName, 401, "no_credentials", null, "Authentication required\n");
            return;
        }
        Optional<GitGrant> grant = tokens.grant(password.get());
        if (grant.isEmpty()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
            finish(exchange, method, repository, serviceName, 401, "bad_credentials", null, "Invalid username or token.\n");
            return;
        }
        String fingerprint = grant.get().fingerprint();
        Optional<Path> served = repositories.find(repository);
        if (served.isEmpty() || !grant.get().covers(repository)) {
            finish(exchange, method, repository, serviceName, 404, served.isEmpty() ? "not_found" : "not_covered", fingerprint,
                    "Repository not found.\n");
            return;
        }
        if (!grant.get().allows(service.get())) {
            finish(exchange, method, repository, serviceName, 403, "no_permission", fingerprint,
                    "Permission to " + repository + " denied.\n");
            return;
        }
        int status;
        try {
            status = GitHttpBackend.serve(exchange, served.get(), tail, "x-access-token");
        } catch (IOException | RuntimeException e) {
            log.record(new GitRequestOutcome(Instant.now(), method, repository, serviceName, 500, "backend_failed", fingerprint));
            throw e;
        } finally {
            exchange.close();
        }
        log.record(new GitRequestOutcome(Instant.now(), method, repository, serviceName, status,
                status < 400 ? "ok" : "backend_failed", fingerprint));
    }

    private void finish(HttpExchange exchange, String method, String repository, String service, int status, String outcome,
                        String fingerprint, String message) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
        log.record(new GitRequestOutcome(Instant.now(), method, repository, service, status, outcome, fingerprint));
    }

    /** The password of a Basic header with a non-empty user name, as git sends it. */
    static Optional<String> basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(decoded.substring(colon + 1));
    }
}
