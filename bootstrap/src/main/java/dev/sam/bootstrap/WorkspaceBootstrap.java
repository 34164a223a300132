package dev.sam.bootstrap;

import dev.sam.contract.error.Reason;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the renderers need about one workspace. Text fields may be empty (then the matching
 * variable is left out); {@code ghToken} is empty while the agent has no token yet.
 *
 * @param agentUrl base URL of the VM agent as the helper reaches it from inside the workspace
 * @param workspaceCredential the workspace's bearer for the agent; goes only into its own 0600 file
 * @param extraHosts GitHub Enterprise hosts ({@code host} or {@code host:port}) served besides github.com
 * @param extraEnv further non-secret values for the env files, in the order given
 */
public record WorkspaceBootstrap(
        String workspaceId,
        String repository,
        String branch,
        String nodeId,
        String apiUrl,
        String workspaceUrl,
        Optional<String> ghToken,
        Optional<Instant> tokenExpiresAt,
        String agentUrl,
        String workspaceCredential,
        int workspaceUid,
        int workspaceGid,
        List<String> extraHosts,
        Map<String, String> extraEnv) {

    public WorkspaceBootstrap {
        workspaceId = require(workspaceId, "workspaceId");
        repository = orEmpty(repository);
        branch = orEmpty(branch);
        nodeId = orEmpty(nodeId);
        apiUrl = orEmpty(apiUrl);
        workspaceUrl = orEmpty(workspaceUrl);
        ghToken = ghToken == null ? Optional.empty() : ghToken.filter(t -> !t.isEmpty());
        tokenExpiresAt = tokenExpiresAt == null ? Optional.empty() : tokenExpiresAt;
        agentUrl = require(agentUrl, "agentUrl");
        workspaceCredential = require(workspaceCredential, "workspaceCredential");
        if (workspaceUid < 0 || workspaceGid < 0) {
            throw new BootstrapException(Reason.INVALID_REQUEST, "workspace uid and gid must not be negative");
        }
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        extraEnv = extraEnv == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraEnv));
    }

    private static String require(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new BootstrapException(Reason.INVALID_REQUEST, name + " is required");
        }
        return value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Never prints the token or the workspace credential. */
    @Override
    public String toString() {
        return "WorkspaceBootstrap[workspaceId=" + workspaceId + ", repository=" + repository + ", branch=" + branch
                + ", nodeId=" + nodeId + ", ghToken=" + (ghToken.isPresent() ? "<redacted>" : "none")
                + ", tokenExpiresAt=" + tokenExpiresAt.map(Instant::toString).orElse("none")
                + ", agentUrl=" + agentUrl + ", workspaceCredential=<redacted>, uid=" + workspaceUid
                + ", gid=" + workspaceGid + ", extraHosts=" + extraHosts + ", extraEnv=" + extraEnv.keySet() + "]";
    }
}
