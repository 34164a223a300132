package dev.sam.contract.agent;

/**
 * Paths of the VM agent's HTTP interface.
 *
 * <p>{@link #GIT_CREDENTIAL}: {@code POST}, {@code Authorization: Bearer <workspace credential>},
 * body and answer in git's credential wire format ({@code text/plain}). The request carries git's
 * {@code protocol}, {@code host} and {@code path}; a 200 answer carries {@code username},
 * {@code password} and {@code password_expiry_utc}, or nothing at all for a host SAM does not serve.
 * Errors are JSON {@code ErrorBody} with 401, 403, 503 ({@code credentials_pending}, with
 * {@code Retry-After}) or the control plane's permanent reasons.
 */
public final class AgentPaths {
    public static final String GIT_CREDENTIAL = "/git-credential";
    /** Same authentication; drops this workspace's cached token (git's {@code erase}). */
    public static final String GIT_CREDENTIAL_ERASE = "/git-credential/erase";
    /** For {@code git-credential-sam doctor}: JSON status of this workspace's credentials, never the token. */
    public static final String GIT_CREDENTIAL_STATUS = "/git-credential/status";
    public static final String WORKSPACES = "/workspaces";

    /** Username git sends with an installation token. */
    public static final String TOKEN_USERNAME = "x-access-token";

    private AgentPaths() {
    }
}
