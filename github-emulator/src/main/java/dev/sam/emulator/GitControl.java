package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.emulator.git.GitHttpsServer;
import dev.sam.emulator.git.GitRequestOutcome;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /_emulator/git} controls: register a local repository under a full name, describe the
 * endpoint (base URL, host for git's credential matching, CA to trust), list request outcomes.
 */
final class GitControl {
    private GitControl() {
    }

    /** Body {@code {"full_name": "owner/name", "path": "/abs/path"}}. */
    static Map<String, Object> register(GitHttpsServer git, JsonNode body) {
        String fullName = text(body, "full_name");
        Path path = Path.of(text(body, "path"));
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("path must be absolute");
        }
        URI clone = git.register(fullName, path);
        Map<String, Object> answer = describe(Optional.of(git));
        answer.put("clone_url", clone.toString());
        return answer;
    }

    static Map<String, Object> describe(Optional<GitHttpsServer> git) {
        if (git.isEmpty()) {
            throw new GitHubError(404, "git endpoint not started", GitHubError.DOCS_REST);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("base_url", git.get().baseUri().toString());
        answer.put("host", git.get().host());
        answer.put("ca_pem", git.get().caPem().toString());
        answer.put("repositories", git.get().repositories());
        return answer;
    }

    static Map<String, Object> requests(Optional<GitHttpsServer> git) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GitRequestOutcome o : git.map(GitHttpsServer::outcomes).orElse(List.of())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", GitHubRepresentations.timestamp(o.at()));
            row.put("method", o.method());
            row.put("repository", o.repository());
            row.put("service", o.service());
            row.put("status", o.status());
            row.put("outcome", o.outcome());
            row.put("token_sha256_prefix", o.fingerprint());
            rows.add(row);
        }
        return Map.of("requests", rows);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required and must be a string");
        }
        return v.asText();
    }
}
