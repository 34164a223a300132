package dev.sam.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GitHub's JSON shapes for the objects the emulator returns (a realistic subset of fields). */
final class GitHubRepresentations {
    private static final String WEB = "https://github.com/";
    private static final String API = "https://api.github.com/";

    private GitHubRepresentations() {
    }

    static Map<String, Object> accessToken(IssuedToken issued, Installation installation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("expires_at", timestamp(issued.expiresAt()));
        body.put("permissions", issued.permissions());
        body.put("repository_selection", "selected");
        body.put("repositories", installation.repositories().stream()
                .filter(r -> issued.repositories().contains(r.fullName()))
                .map(GitHubRepresentations::repository).toList());
        return body;
    }

    static Map<String, Object> installation(Installation installation, long callerAppId) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("login", installation.account());
        account.put("id", accountId(installation.account()));
        account.put("type", "Organization");
        account.put("html_url", WEB + installation.account());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", installation.id());
        body.put("account", account);
        body.put("repository_selection", "selected");
        body.put("access_tokens_url", API + "app/installations/" + installation.id() + "/access_tokens");
        body.put("repositories_url", API + "installation/repositories");
        body.put("app_id", installation.appId() == Installation.ANY_APP ? callerAppId : installation.appId());
        body.put("target_type", "Organization");
        body.put("permissions", installation.permissions());
        body.put("events", List.of());
        body.put("suspended_at", installation.suspendedAt() == null ? null : timestamp(installation.suspendedAt()));
        body.put("suspended_by", null);
        return body;
    }

    static Map<String, Object> repositoryList(List<Repository> repositories) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", repositories.size());
        body.put("repository_selection", "selected");
        body.put("repositories", repositories.stream().map(GitHubRepresentations::repository).toList());
        return body;
    }

    static Map<String, Object> repository(Repository repo) {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("login", repo.owner());
        owner.put("id", accountId(repo.owner()));
        owner.put("type", "Organization");
        owner.put("url", API + "users/" + repo.owner());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", repo.id());
        body.put("name", repo.name());
        body.put("full_name", repo.fullName());
        body.put("owner", owner);
        body.put("private", repo.isPrivate());
        body.put("visibility", repo.isPrivate() ? "private" : "public");
        body.put("html_url", WEB + repo.fullName());
        body.put("url", API + "repos/" + repo.fullName());
        body.put("clone_url", WEB + repo.fullName() + ".git");
        body.put("default_branch", "main");
        return body;
    }

    static String timestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // Stable positive id per login, so repeated reads agree without storing accounts.
    private static long accountId(String login) {
        return (login.toLowerCase(java.util.Locale.ROOT).hashCode() & 0x7fffffffL) + 1;
    }
}
