package dev.sam.contract.error;

import java.util.Optional;

/**
 * Machine-readable reasons carried in {@link ErrorBody#reason()}. The wire form is {@link #code()}.
 * {@link #permanent()} tells callers whether retrying can help.
 */
public enum Reason {
    // Request shape and authentication.
    INVALID_REQUEST("invalid_request", true),
    UNAUTHENTICATED("unauthenticated", true),
    TOKEN_EXPIRED("token_expired", true),
    TOKEN_INVALID("token_invalid", true),
    WRONG_AUDIENCE("wrong_audience", true),
    WRONG_TOKEN_TYPE("wrong_token_type", true),
    FORBIDDEN("forbidden", true),

    // Control-plane state.
    WORKSPACE_NOT_FOUND("workspace_not_found", true),
    NODE_NOT_FOUND("node_not_found", true),
    INSTALLATION_UNKNOWN("installation_unknown", true),
    NO_INSTALLATION("no_installation", true),
    CONFLICT("conflict", true),

    // GitHub, as seen through the API.
    INSTALLATION_SUSPENDED("installation_suspended", true),
    INSTALLATION_NOT_FOUND("installation_not_found", true),
    REPOSITORY_NOT_ACCESSIBLE("repository_not_accessible", true),
    CLOCK_SKEW_SUSPECTED("clock_skew_suspected", false),
    GITHUB_RATE_LIMITED("github_rate_limited", false),
    GITHUB_UNAVAILABLE("github_unavailable", false),

    // VM agent.
    CREDENTIALS_PENDING("credentials_pending", false),
    CONTROL_PLANE_UNAVAILABLE("control_plane_unavailable", false),
    WORKSPACE_NOT_READY("workspace_not_ready", false),
    PROVISIONING_FAILED("provisioning_failed", true),
    LIMIT_REACHED("limit_reached", false),
    NODE_UNREACHABLE("node_unreachable", false),

    INTERNAL_ERROR("internal_error", false);

    private final String code;
    private final boolean permanent;

    Reason(String code, boolean permanent) {
        this.code = code;
        this.permanent = permanent;
    }

    /** The snake_case string that goes on the wire. */
    public String code() {
        return code;
    }

    /** True when the same request will fail the same way until someone changes something. */
    public boolean permanent() {
        return permanent;
    }

    public static Optional<Reason> fromCode(String code) {
        for (Reason r : values()) {
            if (r.code.equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
