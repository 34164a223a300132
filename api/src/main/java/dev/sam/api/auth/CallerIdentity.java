package dev.sam.api.auth;

import java.time.Instant;

import dev.sam.contract.api.CallbackTokenClaims;

/** Who a verified callback token speaks for: a workspace or a node, by id. */
public record CallerIdentity(String type, String subject, Instant expiresAt) {
    public boolean isWorkspace(String workspaceId) {
        return CallbackTokenClaims.TYPE_WORKSPACE.equals(type) && subject.equals(workspaceId);
    }

    public boolean isNode(String nodeId) {
        return CallbackTokenClaims.TYPE_NODE.equals(type) && subject.equals(nodeId);
    }

    public boolean isNodeToken() {
        return CallbackTokenClaims.TYPE_NODE.equals(type);
    }
}
