package dev.sam.agent.session;

import dev.sam.agent.AgentServices;
import dev.sam.agent.TestAgents;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.session.SessionTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Workspaces, session tokens and hashes for session tests. */
public final class SessionFixtures {
    private SessionFixtures() {
    }

    /** Provisions {@code id} once per agent and waits until it is ready with a live token. */
    public static synchronized void ready(AgentServices agent, String id) {
        StubBridge cp = SessionTestResource.controlPlane();
        if (agent.store().get(id).isEmpty()) {
            agent.provisioning().accept(new ProvisionRequest(id, "acme/" + id, "main", cp.callbackToken(id), Map.of()));
        }
        TestAgents.awaitState(agent, id, WorkspaceStatus.READY);
    }

    public static String sessionToken(String workspaceId) {
        return SessionTestResource.controlPlane().jwt(ApiPaths.AUDIENCE_SESSION, workspaceId, Duration.ofMinutes(10),
                Map.of(SessionTokens.CLAIM_WORKSPACE_ID, workspaceId));
    }

    /** The token the control plane issued last for the workspace. */
    public static String issued(String workspaceId) {
        List<String> t = SessionTestResource.controlPlane().tokensIssued(workspaceId);
        if (t.isEmpty()) {
            throw new AssertionError("no token issued for " + workspaceId);
        }
        return t.get(t.size() - 1);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
