package dev.sam.agent.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.websockets.next.CloseReason;

/** The JSON close reasons of session websockets: {@code {"reason":"<code>"}}, well under the 123-byte limit. */
public final class CloseReasons {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloseReasons() {
    }

    public static CloseReason of(int code, String reason) {
        return new CloseReason(code, JSON.createObjectNode().put("reason", reason).toString());
    }

    public static CloseReason of(SessionRefusedException e) {
        return of(e.closeCode(), e.reason().code());
    }

    public static CloseReason exited(int code, String reason, int exitCode) {
        ObjectNode n = JSON.createObjectNode().put("reason", reason).put("code", exitCode);
        return new CloseReason(code, n.toString());
    }
}
