package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sam.contract.secret.Redactor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test controls under {@code /_emulator/} so another process can drive a standalone emulator.
 * Never returns a raw token: token listings carry SHA-256 hashes only.
 */
final class ControlHandler implements HttpHandler {
    static final String PREFIX = "/_emulator/";
    private static final System.Logger LOG = System.getLogger(ControlHandler.class.getName());
    private static final Pattern INSTALLATION_ACTION =
            Pattern.compile("/_emulator/installations/([0-9]{1,18})(/suspend|/unsuspend|/repositories)?");

    private final GitHubEmulator emulator;
    private final JsonExchange io;

    ControlHandler(GitHubEmulator emulator, JsonExchange io) {
        this.emulator = emulator;
        this.io = io;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        try {
            JsonNode body = io.readBody(exchange, GitHubError.DOCS_REST);
            Object answer = dispatch(route, body);
            io.send(exchange, 200, answer);
        } catch (GitHubError e) {
            io.sendError(exchange, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            io.sendError(exchange, new GitHubError(400, String.valueOf(e.getMessage()), GitHubError.DOCS_REST));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, Redactor.redact("control failure on " + route + ": " + e));
            io.sendServerError(exchange);
        }
    }

    private Object dispatch(String route, JsonNode body) {
        Matcher m = INSTALLATION_ACTION.matcher(route.substring(route.indexOf(' ') + 1));
        if (m.matches()) {
            return installationAction(route.substring(0, route.indexOf(' ')), Long.parseLong(m.group(1)),
                    m.group(2), body);
        }
        return switch (route) {
            case "GET /_emulator/health" -> Map.of("status", "ok");
            case "POST /_emulator/apps" -> {
                emulator.registerApp(requiredLong(body, "app_id"), PemPublicKeys.parse(requiredText(body, "public_key_pem")));
                yield ok();
            }
            case "POST /_emulator/installations" -> {
                emulator.addInstallation(body.path("app_id").asLong(Installation.ANY_APP), requiredLong(body, "id"),
                        requiredText(body, "account"), stringMap(body.path("permissions")),
                        stringList(body.path("repositories")));
                yield ok();
            }
            case "POST /_emulator/faults" -> {
                List<Fault> faults = new ArrayList<>();
                for (JsonNode f : body.path("faults")) {
                    faults.add(ControlFaults.parse(f));
                }
                emulator.enqueueFaults(faults.toArray(Fault[]::new));
                yield Map.of("pending", emulator.state().faults().size());
            }
            case "POST /_emulator/tokens/revoke" -> Map.of("revoked", revoke(body));
            case "PUT /_emulator/clock", "POST /_emulator/clock" -> {
                emulator.setClockOffset(Duration.ofSeconds(requiredLong(body, "offset_seconds")));
                yield Map.of("now", GitHubRepresentations.timestamp(emulator.now()));
            }
            case "PUT /_emulator/token-settings", "POST /_emulator/token-settings" -> {
                if (body.hasNonNull("lifetime_seconds")) {
                    emulator.setTokenLifetime(Duration.ofSeconds(body.get("lifetime_seconds").asLong()));
                }
                if (body.hasNonNull("format")) {
                    emulator.setTokenFormat(TokenFormat.valueOf(body.get("format").asText().toUpperCase(Locale.ROOT)));
                }
                yield tokenSettings();
            }
            case "GET /_emulator/token-settings" -> tokenSettings();
            case "GET /_emulator/counters" -> counters();
            case "GET /_emulator/installations" -> installations();
            case "POST /_emulator/git/repositories" -> GitControl.register(emulator.gitOrStart(), body);
            case "GET /_emulator/git" -> GitControl.describe(emulator.git());
            case "GET /_emulator/git/requests" -> GitControl.requests(emulator.git());
            case "GET /_emulator/tokens" -> tokens();
            case "POST /_emulator/reset" -> {
                emulator.reset();
                yield ok();
            }
            default -> throw new GitHubError(404, "Not Found", GitHubError.DOCS_REST);
        };
    }

    private Object installationAction(String method, long id, String action, JsonNode body) {
        String key = method + " " + (action == null ? "" : action);
        switch (key) {
            case "POST /suspend" -> emulator.suspendInstallation(id);
            case "POST /unsuspend" -> emulator.unsuspendInstallation(id);
            case "POST /repositories" -> emulator.addRepositories(id, stringList(body.path("repositories")));
            case "DELETE " -> emulator.removeInstallation(id);
            default -> throw new GitHubError(404, "Not Found", GitHubError.DOCS_REST);
        }
        return ok();
    }

    private boolean revoke(JsonNode body) {
        TokenLedger ledger = emulator.state().ledger();
        if (body.hasNonNull("sha256")) {
            return ledger.revokeBySha256(body.get("sha256").asText());
        }
        return ledger.revoke(requiredText(body, "token"));
    }

    private Map<String, Object> tokenSettings() {
        TokenMinter minter = emulator.state().minter();
        return Map.of("lifetime_seconds", minter.lifetime().toSeconds(),
                "format", minter.format().name().toLowerCase(Locale.ROOT),
                "clock_offset_seconds", emulator.state().clock().offset().toSeconds());
    }

    private Map<String, Object> counters() {
        TokenLedger ledger = emulator.state().ledger();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mints_total", ledger.mintCount());
        body.put("access_token_requests", ledger.requestCount());
        body.put("mints_by_installation", ledger.mintsByInstallation());
        body.put("mints_by_scope", ledger.mintsByScope());
        body.put("pending_faults", emulator.state().faults().size());
        return body;
    }

    private Map<String, Object> installations() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Installation i : emulator.state().registry().installations()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", i.id());
            row.put("app_id", i.appId());
            row.put("account", i.account());
            row.put("permissions", i.permissions());
            row.put("repositories", i.repositories().stream().map(Repository::fullName).toList());
            row.put("suspended", i.suspended());
            list.add(row);
        }
        return Map.of("app_ids", emulator.state().registry().apps().keySet().stream().sorted().toList(),
                "installations", list);
    }

    private Map<String, Object> tokens() {
        TokenLedger ledger = emulator.state().ledger();
        List<Map<String, Object>> list = new ArrayList<>();
        for (IssuedToken t : ledger.issued()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sha256", TokenLedger.sha256(t.token()));
            row.put("installation_id", t.installationId());
            row.put("repositories", t.repositories());
            row.put("permissions", t.permissions());
            row.put("expires_at", GitHubRepresentations.timestamp(t.expiresAt()));
            row.put("revoked", ledger.isRevoked(t.token()));
            list.add(row);
        }
        return Map.of("tokens", list);
    }

    private static Map<String, String> ok() {
        return Map.of("status", "ok");
    }

    private static long requiredLong(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw new IllegalArgumentException(field + " is required and must be an integer");
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required and must be a string");
        }
        return v.asText();
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> stringList(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(n -> list.add(n.asText()));
        return list;
    }
}
