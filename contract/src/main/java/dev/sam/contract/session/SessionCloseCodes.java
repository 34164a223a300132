package dev.sam.contract.session;

/** Websocket close codes of session endpoints (RFC 6455 numbers); the close reason is {@code {"reason":"<code>"}}. */
public final class SessionCloseCodes {
    /** The process ended normally; a PTY sends its exit frame first. */
    public static final int NORMAL = 1000;
    /** Refused session token, other workspace, unknown agent name or shell (policy violation). */
    public static final int POLICY_VIOLATION = 1008;
    /** The agent failed to start the process. */
    public static final int INTERNAL_ERROR = 1011;
    /** Per-workspace session limit, or a workspace not ready yet: try again later. */
    public static final int TRY_AGAIN_LATER = 1013;

    /** Close-reason value of a terminal closed for inactivity (with {@link #NORMAL}). */
    public static final String REASON_IDLE = "idle_timeout";
    /** Close-reason value when a terminal message could not be understood (with {@link #POLICY_VIOLATION}). */
    public static final String REASON_BAD_MESSAGE = "bad_message";

    private SessionCloseCodes() {
    }
}
