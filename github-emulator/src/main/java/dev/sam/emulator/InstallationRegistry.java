package dev.sam.emulator;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Registered apps (id → public key) and their installations with the repositories they reach. */
final class InstallationRegistry {
    // GitHub's own example repository id; any positive start works, a realistic one reads better in dumps.
    private static final long FIRST_REPOSITORY_ID = 1_296_269;

    private final Map<Long, PublicKey> apps = new ConcurrentHashMap<>();
    private final Map<Long, Installation> installations = new ConcurrentHashMap<>();
    private final Map<String, Long> repositoryIds = new ConcurrentHashMap<>();
    private final AtomicLong nextRepositoryId = new AtomicLong(FIRST_REPOSITORY_ID);

    void registerApp(long appId, PublicKey key) {
        if (appId <= 0) {
            throw new IllegalArgumentException("app id must be positive");
        }
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("GitHub App keys are RSA, got " + key.getAlgorithm());
        }
        apps.put(appId, key);
    }

    Optional<PublicKey> appKey(long appId) {
        return Optional.ofNullable(apps.get(appId));
    }

    Map<Long, PublicKey> apps() {
        return Map.copyOf(apps);
    }

    void addInstallation(long installationId, long appId, String account, Map<String, String> permissions,
                         List<String> repositoryFullNames) {
        if (installationId <= 0) {
            throw new IllegalArgumentException("installation id must be positive");
        }
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("account must not be blank");
        }
        PermissionLevel.requireValid(permissions);
        installations.put(installationId, new Installation(installationId, appId, account, permissions,
                toRepositories(repositoryFullNames, List.of()), null));
    }

    void addRepositories(long installationId, List<String> fullNames) {
        update(installationId, i -> i.withRepositories(toRepositories(fullNames, i.repositories())));
    }

    void suspend(long installationId, Instant at) {
        update(installationId, i -> i.suspended() ? i : i.withSuspendedAt(at));
    }

    void unsuspend(long installationId) {
        update(installationId, i -> i.withSuspendedAt(null));
    }

    boolean remove(long installationId) {
        return installations.remove(installationId) != null;
    }

    Optional<Installation> find(long installationId) {
        return Optional.ofNullable(installations.get(installationId));
    }

    Collection<Installation> installations() {
        return List.copyOf(installations.values());
    }

    private void update(long installationId, java.util.function.UnaryOperator<Installation> change) {
        if (installations.computeIfPresent(installationId, (id, i) -> change.apply(i)) == null) {
            throw new IllegalArgumentException("no installation " + installationId);
        }
    }

    private List<Repository> toRepositories(List<String> fullNames, List<Repository> existing) {
        List<Repository> result = new ArrayList<>(existing);
        for (String fullName : fullNames) {
            boolean known = result.stream().anyMatch(r -> r.fullName().equalsIgnoreCase(fullName));
            if (!known) {
                long id = repositoryIds.computeIfAbsent(fullName.toLowerCase(java.util.Locale.ROOT),
                        n -> nextRepositoryId.getAndIncrement());
                result.add(Repository.parse(id, fullName, true));
            }
        }
        return result;
    }
}
