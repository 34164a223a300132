package dev.sam.contract.bootstrap;

/**
 * Variables that travel with {@code GH_TOKEN} in the env file and the profile script. They tell a
 * later shell (or the ACP launcher) whether the token in its environment is SAM's, and when it dies.
 */
public final class TokenEnvNames {
    /** Set to {@link #SOURCE_SAM} whenever SAM put {@code GH_TOKEN} there; absent otherwise. */
    public static final String GH_TOKEN_SOURCE = "SAM_GH_TOKEN_SOURCE";
    /** The only value of {@link #GH_TOKEN_SOURCE}. */
    public static final String SOURCE_SAM = "sam";
    /** Expiry of SAM's {@code GH_TOKEN}, ISO-8601 UTC ({@code 2026-12-03T16:00:00Z}). */
    public static final String GH_TOKEN_EXPIRES_AT = "SAM_GH_TOKEN_EXPIRES_AT";

    private TokenEnvNames() {
    }
}
