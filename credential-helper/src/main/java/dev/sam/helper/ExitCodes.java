package dev.sam.helper;

/**
 * Exit codes of every command. git ignores a {@code get} helper's exit status (it only reads
 * stdout), so these are for people, scripts such as the login-shell fallback, and {@code doctor}.
 */
public final class ExitCodes {
    /** Answered, or nothing to answer (a host SAM does not serve, an empty agent answer). */
    public static final int OK = 0;
    /** The host is ours but the agent gave no token (its reason is on stderr); {@code doctor}: token not live. */
    public static final int UNAVAILABLE = 1;
    /** Unknown command or option (picocli's own usage code). */
    public static final int USAGE = 2;
    /** The helper's config or the workspace credential file is missing or invalid. */
    public static final int CONFIG = 3;
    /** No usable answer from the agent: connection refused, none within the time bound, or a broken or over-large response. */
    public static final int UNREACHABLE = 4;
    /** stdin is not git's credential format. */
    public static final int BAD_INPUT = 5;

    private ExitCodes() {
    }
}
