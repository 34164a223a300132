package dev.sam.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An installation of a GitHub App on an account. Immutable; the registry swaps whole values.
 * {@code appId} 0 means "belongs to whichever registered app asks" (the short Java API form).
 */
record Installation(long id, long appId, String account, Map<String, String> permissions,
                    List<Repository> repositories, Instant suspendedAt) {

    static final long ANY_APP = 0;

    Installation {
        permissions = Map.copyOf(permissions);
        repositories = List.copyOf(repositories);
    }

    boolean suspended() {
        return suspendedAt != null;
    }

    boolean visibleTo(long callerAppId) {
        return appId == ANY_APP || appId == callerAppId;
    }

    Installation withSuspendedAt(Instant at) {
        return new Installation(id, appId, account, permissions, repositories, at);
    }

    Installation withRepositories(List<Repository> repos) {
        return new Installation(id, appId, account, permissions, repos, suspendedAt);
    }
}
