package dev.sam.agent.workspace;

import dev.sam.contract.agent.WorkspaceStatus;
import java.util.Map;

/**
 * What the agent remembers about a workspace across restarts. The callback token is kept (the
 * agent needs it to fetch git tokens again after a restart; the state file is 0600 in a 0700
 * directory); git tokens are never persisted. The workspace credential is kept as its hash only.
 */
public record WorkspaceRecord(
        String workspaceId,
        String repository,
        String branch,
        Map<String, String> env,
        String callbackToken,
        String credentialSha256,
        String state,
        String failureReason) {
    public WorkspaceRecord {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public WorkspaceRecord withState(String newState, String reason) {
        return new WorkspaceRecord(workspaceId, repository, branch, env, callbackToken, credentialSha256, newState, reason);
    }

    public WorkspaceRecord withCallbackToken(String token) {
        return new WorkspaceRecord(workspaceId, repository, branch, env, token, credentialSha256, state, failureReason);
    }

    public WorkspaceRecord withCredentialSha256(String sha256) {
        return new WorkspaceRecord(workspaceId, repository, branch, env, callbackToken, sha256, state, failureReason);
    }

    public boolean ready() {
        return WorkspaceStatus.READY.equals(state);
    }

    @Override
    public String toString() {
        return "WorkspaceRecord[" + workspaceId + ", " + repository + ", state=" + state + "]";
    }
}
