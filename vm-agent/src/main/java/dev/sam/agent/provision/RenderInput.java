package dev.sam.agent.provision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a workspace's files are rendered from. {@code token} is empty while credentials are pending. */
public record RenderInput(
        String workspaceId,
        String repository,
        String branch,
        String apiUrl,
        String nodeId,
        String agentUrl,
        String workspaceCredential,
        Optional<String> token,
        Optional<Instant> tokenExpiresAt,
        Map<String, String> extraEnv,
        List<String> extraHosts) {
    @Override
    public String toString() {
        return "RenderInput[" + workspaceId + ", token " + (token.isPresent() ? "present" : "absent") + "]";
    }
}
