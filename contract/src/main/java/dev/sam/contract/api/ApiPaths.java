package dev.sam.contract.api;

/** Paths of the control-plane API, relative to its base URL. {@code {id}} is a path parameter. */
public final class ApiPaths {
    /** Operator endpoints, bearer admin key. */
    public static final String ADMIN_INSTALLATIONS = "/api/admin/installations";
    public static final String ADMIN_NODES = "/api/admin/nodes";
    public static final String ADMIN_WORKSPACES = "/api/admin/workspaces";

    /** Agent callbacks, bearer callback token (workspace or node). */
    public static final String GIT_TOKEN = "/api/workspaces/{id}/git-token";
    public static final String WORKSPACE_READY = "/api/workspaces/{id}/ready";
    public static final String WORKSPACE_FAILED = "/api/workspaces/{id}/provisioning-failed";
    public static final String NODE_HEARTBEAT = "/api/nodes/{id}/heartbeat";
    /** Exchanges a still-valid callback token for a fresh one. */
    public static final String CALLBACK_TOKEN_REFRESH = "/api/callback-tokens/refresh";

    public static final String JWKS = "/.well-known/jwks.json";

    /** Audience of callback tokens (agent to API). */
    public static final String AUDIENCE_CALLBACK = "workspace-callback";
    /** Audience of session tokens (user to agent). */
    public static final String AUDIENCE_SESSION = "workspace-session";

    private ApiPaths() {
    }

    public static String gitToken(String workspaceId) {
        return GIT_TOKEN.replace("{id}", workspaceId);
    }
}
