package dev.sam.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One installation token the emulator minted. {@code repositories} are full names
 * ({@code owner/name}). The raw token is only reachable through the Java API, never over HTTP.
 */
public record IssuedToken(String token, long installationId, List<String> repositories,
                          Map<String, String> permissions, Instant expiresAt) {

    public IssuedToken {
        repositories = List.copyOf(repositories);
        permissions = Map.copyOf(permissions);
    }

    @Override
    public String toString() {
        // Records print every component by default; a token must never reach a log that way.
        return "IssuedToken[installationId=" + installationId + ", repositories=" + repositories
                + ", permissions=" + permissions + ", expiresAt=" + expiresAt + "]";
    }
}
