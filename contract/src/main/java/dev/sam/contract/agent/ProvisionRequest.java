package dev.sam.contract.agent;

import java.util.Map;
import java.util.Objects;

/**
 * Body of {@code POST /workspaces} on the VM agent, sent by the control plane. The callback token
 * is the workspace's bearer for calling the API back; {@code env} holds extra non-secret values
 * for the workspace's env files (keys as in the static env-file format).
 */
public record ProvisionRequest(
        String workspaceId, String repository, String branch, String callbackToken, Map<String, String> env) {
    public ProvisionRequest {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(repository, "repository");
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** Never prints the callback token. */
    @Override
    public String toString() {
        return "ProvisionRequest[workspaceId=" + workspaceId + ", repository=" + repository + ", branch=" + branch
                + ", callbackToken=<redacted>, env=" + env.keySet() + "]";
    }
}
