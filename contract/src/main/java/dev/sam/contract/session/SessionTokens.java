package dev.sam.contract.session;

import java.time.Duration;

/**
 * Session tokens: what an operator (admin key) gets from the API to open a terminal or coding-agent
 * session on a workspace, and what the VM agent checks before any process starts. RS256 JWT signed
 * with the API's key (verifiable against {@code ApiPaths.JWKS}), audience
 * {@code ApiPaths.AUDIENCE_SESSION}, subject and {@link #CLAIM_WORKSPACE_ID} the workspace id.
 */
public final class SessionTokens {
    /** {@code POST}, bearer admin key, optional body {@link SessionTokenRequest}; answers {@link SessionTokenResponse}. */
    public static final String ADMIN_SESSION_TOKEN = "/api/admin/workspaces/{id}/session-token";
    /** Claim carrying the workspace the token opens sessions on. */
    public static final String CLAIM_WORKSPACE_ID = "workspace_id";
    /** Lifetime when the request names none. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    /** Longest lifetime the API signs; longer requests are refused with {@code invalid_request}. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private SessionTokens() {
    }

    public static String adminSessionToken(String workspaceId) {
        return ADMIN_SESSION_TOKEN.replace("{id}", workspaceId);
    }
}
