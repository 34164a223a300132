package dev.sam.emulator.git;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a live installation token allows on git: the repositories it was scoped to (full names)
 * and its permissions. Built from the emulator's token ledger; never holds the token itself.
 *
 * @param fingerprint a short SHA-256 prefix of the token, safe to log
 */
public record GitGrant(long installationId, List<String> repositories, Map<String, String> permissions, String fingerprint) {
    public GitGrant {
        repositories = List.copyOf(repositories);
        permissions = Map.copyOf(permissions);
    }

    /** GitHub compares repository names case-insensitively. */
    public boolean covers(String fullName) {
        String wanted = fullName.toLowerCase(Locale.ROOT);
        return repositories.stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** Pushing needs {@code contents: write}; fetching any contents access. */
    public boolean allows(GitService service) {
        String contents = permissions.getOrDefault("contents", "");
        return service == GitService.RECEIVE_PACK ? contents.equals("write") : contents.equals("read") || contents.equals("write");
    }
}
