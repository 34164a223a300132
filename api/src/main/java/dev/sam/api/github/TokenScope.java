package dev.sam.api.github;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a token is minted for, and so the cache key: one installation, the repository names (without owner, as
 * GitHub's {@code repositories} parameter wants them) and the permissions. Normalised so equal scopes are equal keys.
 */
public record TokenScope(long installationId, List<String> repositories, SortedMap<String, String> permissions) {
    public TokenScope {
        // GitHub repository names are case-insensitive: one key per repository whatever the spelling.
        repositories = repositories.stream().map(r -> r.toLowerCase(java.util.Locale.ROOT)).sorted().distinct().toList();
        permissions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(permissions));
    }

    public static TokenScope of(long installationId, String repositoryName, Map<String, String> permissions) {
        return new TokenScope(installationId, List.of(repositoryName), new TreeMap<>(permissions));
    }
}
