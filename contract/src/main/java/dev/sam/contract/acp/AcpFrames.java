package dev.sam.contract.acp;

/**
 * The coding-agent relay: one websocket text message is exactly one JSON-RPC 2.0 message of the
 * Agent Client Protocol; the agent process sees it as one line (newline-delimited JSON) on stdin and
 * each line it writes on stdout becomes one text message. Its stderr goes to the agent's log,
 * redacted. When the process exits the socket closes with 1000 and {@code {"reason":"exited","code":N}}.
 */
public final class AcpFrames {
    public static final String METHOD_INITIALIZE = "initialize";
    public static final String METHOD_SESSION_NEW = "session/new";
    public static final String METHOD_SESSION_PROMPT = "session/prompt";
    public static final String METHOD_SESSION_UPDATE = "session/update";
    /** Close-reason value when the agent process ended. */
    public static final String REASON_EXITED = "exited";

    private AcpFrames() {
    }
}
