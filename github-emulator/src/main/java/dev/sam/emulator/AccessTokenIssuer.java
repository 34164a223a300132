package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The logic behind {@code POST /app/installations/{id}/access_tokens} once the app JWT is verified:
 * installation state, the requested subset of repositories and permissions, then the mint.
 */
final class AccessTokenIssuer {
    static final String SUSPENDED = "This installation has been suspended";
    static final String NOT_FOUND = "Not Found";
    static final String REPOSITORY_NOT_ACCESSIBLE = "There is at least one repository that does not exist"
            + " or is not accessible to the parent installation.";
    static final String PERMISSIONS_NOT_GRANTED = "The permissions requested are not granted to this installation.";
    // GitHub's documented ceiling for repositories/repository_ids in one request.
    static final int MAX_REPOSITORIES = 500;

    private final InstallationRegistry registry;
    private final TokenLedger ledger;
    private final TokenMinter minter;
    private final EmulatorClock clock;

    AccessTokenIssuer(InstallationRegistry registry, TokenLedger ledger, TokenMinter minter, EmulatorClock clock) {
        this.registry = registry;
        this.ledger = ledger;
        this.minter = minter;
        this.clock = clock;
    }

    IssuedToken issue(long appId, long installationId, JsonNode body) {
        String docs = GitHubError.DOCS_CREATE_TOKEN;
        Installation installation = registry.find(installationId)
                .filter(i -> i.visibleTo(appId))
                .orElseThrow(() -> new GitHubError(404, NOT_FOUND, docs));
        if (installation.suspended()) {
            throw new GitHubError(403, SUSPENDED, docs);
        }
        if (!body.isMissingNode() && !body.isObject()) {
            throw new GitHubError(400, "Problems parsing JSON", docs);
        }
        List<Repository> repositories = requestedRepositories(installation, body);
        Map<String, String> permissions = requestedPermissions(installation, body);
        Instant expiresAt = clock.now().plus(minter.lifetime()).truncatedTo(ChronoUnit.SECONDS);
        IssuedToken issued = new IssuedToken(minter.mint(appId), installationId,
                repositories.stream().map(Repository::fullName).toList(), permissions, expiresAt);
        ledger.record(issued);
        return issued;
    }

    private static List<Repository> requestedRepositories(Installation installation, JsonNode body) {
        JsonNode names = body.path("repositories");
        JsonNode ids = body.path("repository_ids");
        // Absent or empty both mean "every repository of the installation", never a token for nothing.
        if (absent(names) && absent(ids)) {
            return installation.repositories();
        }
        String docs = GitHubError.DOCS_CREATE_TOKEN;
        if ((!absent(names) && !names.isArray()) || (!absent(ids) && !ids.isArray())) {
            throw new GitHubError(422, "Invalid request.\n\nrepositories and repository_ids must be arrays.", docs);
        }
        if (names.size() + ids.size() > MAX_REPOSITORIES) {
            throw new GitHubError(422, "Too many repositories. At most " + MAX_REPOSITORIES
                    + " repositories can be requested.", docs);
        }
        Set<Repository> chosen = new LinkedHashSet<>();
        for (JsonNode name : names) {
            // GitHub takes bare names here ("Hello-World"), not owner/name.
            chosen.add(installation.repositories().stream()
                    .filter(r -> name.isTextual() && r.name().equalsIgnoreCase(name.asText()))
                    .findFirst()
                    .orElseThrow(() -> new GitHubError(422, REPOSITORY_NOT_ACCESSIBLE, docs)));
        }
        for (JsonNode id : ids) {
            chosen.add(installation.repositories().stream()
                    .filter(r -> id.isIntegralNumber() && r.id() == id.asLong())
                    .findFirst()
                    .orElseThrow(() -> new GitHubError(422, REPOSITORY_NOT_ACCESSIBLE, docs)));
        }
        return new ArrayList<>(chosen);
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull() || (node.isArray() && node.isEmpty());
    }

    private static Map<String, String> requestedPermissions(Installation installation, JsonNode body) {
        JsonNode requested = body.path("permissions");
        if (requested.isMissingNode() || requested.isNull()) {
            return installation.permissions();
        }
        String docs = GitHubError.DOCS_CREATE_TOKEN;
        if (!requested.isObject()) {
            throw new GitHubError(422, "Invalid request.\n\npermissions must be an object.", docs);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (var field : requested.properties()) {
            if (!field.getValue().isTextual() || PermissionLevel.parse(field.getValue().asText()).isEmpty()) {
                throw new GitHubError(422, "Invalid request.\n\nFor 'properties/" + field.getKey() + "', "
                        + field.getValue() + " is not one of [\"read\", \"write\"].", docs);
            }
            wanted.put(field.getKey(), field.getValue().asText());
        }
        if (!PermissionLevel.covers(installation.permissions(), wanted)) {
            throw new GitHubError(422, PERMISSIONS_NOT_GRANTED, docs);
        }
        return wanted;
    }
}
