package dev.sam.contract.agent;

/**
 * Tokens the control plane presents to a VM agent: RS256 JWTs verifiable against the API's JWKS
 * ({@code dev.sam.contract.api.ApiPaths#JWKS}), subject = the node's id.
 */
public final class NodeAgentTokens {
    /** Audience of the JWT on {@code POST /workspaces} (API to agent). */
    public static final String AUDIENCE_NODE_AGENT = "node-agent";

    private NodeAgentTokens() {
    }
}
