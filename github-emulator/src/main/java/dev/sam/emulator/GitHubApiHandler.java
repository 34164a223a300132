package dev.sam.emulator;

import com.sun.net.httpserver.HttpExchange;
import dev.sam.contract.secret.Redactor;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST endpoints: mint a token, read an installation, list the token's repositories,
 * revoke a token with itself.
 */
final class GitHubApiHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(GitHubApiHandler.class.getName());
    private static final Pattern ACCESS_TOKENS = Pattern.compile("/app/installations/([0-9]{1,18})/access_tokens");
    private static final Pattern INSTALLATION = Pattern.compile("/app/installations/([0-9]{1,18})");
    private static final String INSTALLATION_REPOSITORIES = "/installation/repositories";
    private static final String INSTALLATION_TOKEN = "/installation/token";
    static final String DOCS_REVOKE = "https://docs.github.com/rest/apps/installations#revoke-an-installation-access-token";
    static final String BAD_CREDENTIALS = "Bad credentials";

    private final EmulatorState state;
    private final JsonExchange io;

    GitHubApiHandler(EmulatorState state, JsonExchange io) {
        this.state = state;
        this.io = io;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try {
            Matcher m;
            if ("POST".equals(method) && (m = ACCESS_TOKENS.matcher(path)).matches()) {
                createAccessToken(exchange, Long.parseLong(m.group(1)));
            } else if ("GET".equals(method) && (m = INSTALLATION.matcher(path)).matches()) {
                getInstallation(exchange, Long.parseLong(m.group(1)));
            } else if ("GET".equals(method) && INSTALLATION_REPOSITORIES.equals(path)) {
                listRepositories(exchange);
            } else if ("DELETE".equals(method) && INSTALLATION_TOKEN.equals(path)) {
                revokeOwnToken(exchange);
            } else {
                throw new GitHubError(404, AccessTokenIssuer.NOT_FOUND, GitHubError.DOCS_REST);
            }
        } catch (GitHubError e) {
            io.sendError(exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING,
                    Redactor.redact("emulator failure on " + method + " " + path + ": " + e));
            io.sendServerError(exchange);
        }
    }

    private void createAccessToken(HttpExchange exchange, long installationId)
            throws IOException, InterruptedException {
        state.ledger().countRequest();
        Optional<Fault> fault = state.faults().next();
        if (fault.isPresent()) {
            Fault f = fault.get();
            LOG.log(System.Logger.Level.INFO, "fault " + f + " for installation " + installationId);
            switch (f.kind()) {
                case HANG -> {
                    state.faults().awaitRelease();
                    exchange.close();
                    return;
                }
                case DELAY -> Thread.sleep(f.delayDuration().toMillis());
                case STATUS -> throw faultError(f, installationId);
            }
        }
        JsonExchange.requireSupportedApiVersion(exchange);
        long appId = state.jwtVerifier().verify(authorization(exchange), GitHubError.DOCS_CREATE_TOKEN);
        var body = io.readBody(exchange, GitHubError.DOCS_CREATE_TOKEN);
        IssuedToken issued = state.issuer().issue(appId, installationId, body);
        Installation installation = state.registry().find(installationId).orElseThrow();
        // Logged by hash prefix so a log line can be matched to /_emulator/tokens without leaking the token.
        LOG.log(System.Logger.Level.INFO, Redactor.redact("minted token sha256="
                + TokenLedger.sha256(issued.token()).substring(0, 12) + " installation=" + installationId
                + " repositories=" + issued.repositories() + " expires_at=" + issued.expiresAt()));
        io.send(exchange, 201, GitHubRepresentations.accessToken(issued, installation));
    }

    private void getInstallation(HttpExchange exchange, long installationId) throws IOException {
        JsonExchange.requireSupportedApiVersion(exchange);
        long appId = state.jwtVerifier().verify(authorization(exchange), GitHubError.DOCS_GET_INSTALLATION);
        Installation installation = state.registry().find(installationId)
                .filter(i -> i.visibleTo(appId))
                .orElseThrow(() -> new GitHubError(404, AccessTokenIssuer.NOT_FOUND, GitHubError.DOCS_GET_INSTALLATION));
        io.send(exchange, 200, GitHubRepresentations.installation(installation, appId));
    }

    private void listRepositories(HttpExchange exchange) throws IOException {
        IssuedToken issued = authenticateToken(exchange, GitHubError.DOCS_LIST_REPOS);
        Installation installation = state.registry().find(issued.installationId()).orElseThrow();
        List<Repository> visible = installation.repositories().stream()
                .filter(r -> issued.repositories().contains(r.fullName())).toList();
        io.send(exchange, 200, GitHubRepresentations.repositoryList(visible));
    }

    /** GitHub's "Revoke an installation access token": the token revokes itself, 204. */
    private void revokeOwnToken(HttpExchange exchange) throws IOException {
        IssuedToken issued = authenticateToken(exchange, DOCS_REVOKE);
        state.ledger().revoke(issued.token());
        LOG.log(System.Logger.Level.INFO, "revoked token sha256="
                + TokenLedger.sha256(issued.token()).substring(0, 12) + " by its holder");
        io.send(exchange, 204, null);
    }

    /** A live installation token of an existing, active installation, or GitHub's 401/403. */
    private IssuedToken authenticateToken(HttpExchange exchange, String docs) {
        JsonExchange.requireSupportedApiVersion(exchange);
        String token = bearerOrToken(authorization(exchange))
                .orElseThrow(() -> new GitHubError(401, "Requires authentication", docs));
        IssuedToken issued = state.ledger().live(token, state.clock().now())
                .orElseThrow(() -> new GitHubError(401, BAD_CREDENTIALS, docs));
        Installation installation = state.registry().find(issued.installationId())
                .orElseThrow(() -> new GitHubError(401, BAD_CREDENTIALS, docs));
        if (installation.suspended()) {
            throw new GitHubError(403, AccessTokenIssuer.SUSPENDED, docs);
        }
        return issued;
    }

    private GitHubError faultError(Fault fault, long installationId) {
        GitHubError error = switch (fault.variant()) {
            case PRIMARY_RATE_LIMIT -> primaryRateLimit(fault);
            case SECONDARY_RATE_LIMIT -> new GitHubError(403, "You have exceeded a secondary rate limit."
                    + " Please wait a few minutes before you try again. If you reach out to GitHub Support"
                    + " for help, please include the request ID " + requestId(installationId) + ".",
                    GitHubError.DOCS_SECONDARY_RATE_LIMIT);
            case PLAIN -> new GitHubError(fault.statusCode(), plainMessage(fault.statusCode()),
                    GitHubError.DOCS_CREATE_TOKEN);
        };
        fault.retryAfter().ifPresent(d -> error.withHeader("Retry-After", Long.toString(ceilSeconds(d))));
        return error;
    }

    private GitHubError primaryRateLimit(Fault fault) {
        long reset = state.clock().now().getEpochSecond() + fault.retryAfter().map(GitHubApiHandler::ceilSeconds)
                .orElse(60L);
        return new GitHubError(429, "API rate limit exceeded for app.", GitHubError.DOCS_PRIMARY_RATE_LIMIT)
                .withHeader("x-ratelimit-limit", "5000")
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "5000")
                .withHeader("x-ratelimit-resource", "core")
                .withHeader("x-ratelimit-reset", Long.toString(reset));
    }

    private static String plainMessage(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> BAD_CREDENTIALS;
            case 403 -> "Forbidden";
            case 404 -> AccessTokenIssuer.NOT_FOUND;
            case 408 -> "Request Timeout";
            case 422 -> "Validation Failed";
            case 429 -> "Too Many Requests";
            case 502 -> "Server Error";
            case 503 -> "Service Unavailable";
            case 504 -> "We couldn't respond to your request in time. Sorry about that. Please try resubmitting"
                    + " your request and contact us if the problem persists.";
            default -> "Server Error";
        };
    }

    private static String requestId(long installationId) {
        return Long.toHexString(installationId).toUpperCase(java.util.Locale.ROOT) + ":"
                + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
    }

    static long ceilSeconds(Duration d) {
        return d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    }

    private static String authorization(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Authorization");
    }

    /** GitHub accepts installation tokens as {@code token X} and {@code Bearer X}. */
    static Optional<String> bearerOrToken(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length == 2 && (parts[0].equalsIgnoreCase("token") || parts[0].equalsIgnoreCase("Bearer"))) {
            return Optional.of(parts[1].trim());
        }
        return Optional.empty();
    }

}
