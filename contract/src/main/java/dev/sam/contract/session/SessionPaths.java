package dev.sam.contract.session;

/**
 * The VM agent's websocket endpoints for sessions. Each needs {@code Authorization: Bearer <session
 * token>} on the upgrade request (never in the URL). A refused session is accepted as a websocket
 * and closed at once, before any process starts, with {@link SessionCloseCodes} and a JSON reason
 * {@code {"reason":"<Reason code>"}}.
 */
public final class SessionPaths {
    /** Terminal: a login shell in a pseudo-terminal, messages {@code dev.sam.contract.pty.PtyFrame}. */
    public static final String PTY = "/workspaces/{id}/pty";
    /** Coding agent: {@code ?agent=<name>}; one text message = one JSON-RPC message of ACP. */
    public static final String ACP = "/workspaces/{id}/acp";
    /** Query parameter of {@link #PTY} choosing a shell from {@code dev.sam.contract.pty.PtyShells}. */
    public static final String QUERY_SHELL = "shell";
    /** Query parameter of {@link #ACP} naming a configured agent command. */
    public static final String QUERY_AGENT = "agent";

    private SessionPaths() {
    }

    public static String pty(String workspaceId) {
        return PTY.replace("{id}", workspaceId);
    }

    public static String acp(String workspaceId) {
        return ACP.replace("{id}", workspaceId);
    }
}
