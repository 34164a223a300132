package dev.sam.agent.pty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.agent.session.CloseReasons;
import dev.sam.agent.session.SessionConfig;
import dev.sam.agent.session.SessionEnvironment;
import dev.sam.agent.session.SessionGate;
import dev.sam.agent.session.QueryParams;
import dev.sam.agent.session.SessionRefusedException;
import dev.sam.contract.error.Reason;
import dev.sam.contract.pty.PtyFrame;
import dev.sam.contract.pty.PtyShells;
import dev.sam.contract.session.SessionCloseCodes;
import dev.sam.contract.session.SessionPaths;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code /workspaces/{id}/pty}: a terminal per connection. The session token and the workspace are
 * checked in {@link #open()} before any process starts; a refusal closes the socket with the code
 * and JSON reason of {@link SessionRefusedException}. Frames: {@link PtyFrame} as JSON text.
 */
@WebSocket(path = SessionPaths.PTY)
public class PtyWebSocket {
    private static final Logger LOG = Logger.getLogger(PtyWebSocket.class);
    static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int DEFAULT_COLS = 80;
    private static final int DEFAULT_ROWS = 24;

    @Inject
    SessionGate gate;
    @Inject
    SessionEnvironment environment;
    @Inject
    PtySessionManager manager;
    @Inject
    SessionConfig config;

    private final Map<String, PtySession> byConnection = new ConcurrentHashMap<>();

    @OnOpen
    public void open(WebSocketConnection connection) {
        String workspaceId = connection.pathParam("id");
        try {
            gate.admit(connection.handshakeRequest().header("Authorization"), workspaceId);
            String shell = QueryParams.get(connection.handshakeRequest().query(), SessionPaths.QUERY_SHELL)
                    .orElse(config.workspaceShells().getOrDefault(workspaceId, config.defaultShell()));
            List<String> argv = PtyShells.COMMANDS.get(shell);
            if (argv == null) {
                throw new SessionRefusedException(Reason.INVALID_REQUEST, SessionCloseCodes.POLICY_VIOLATION, "unknown shell " + shell);
            }
            Map<String, String> env = environment.build(workspaceId, Map.of("TERM", "xterm-256color", "SHELL", argv.get(0)));
            PtySession session = manager.open(workspaceId, argv, env, DEFAULT_COLS, DEFAULT_ROWS, new Relay(connection));
            byConnection.put(connection.id(), session);
            LOG.infof("pty %s opened in %s (%s, pid %d)", session.id(), workspaceId, shell, session.pid());
        } catch (SessionRefusedException e) {
            LOG.infof("pty session in %s refused: %s (%s)", workspaceId, e.reason().code(), e.getMessage());
            connection.close(CloseReasons.of(e)).subscribe().with(v -> { }, t -> { });
        } catch (IOException | RuntimeException e) {
            LOG.warnf("pty session in %s failed to start: %s", workspaceId, e.toString());
            connection.close(CloseReasons.of(SessionCloseCodes.INTERNAL_ERROR, Reason.INTERNAL_ERROR.code())).subscribe().with(v -> { }, t -> { });
        }
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String text) {
        PtySession session = byConnection.get(connection.id());
        if (session == null) {
            return;
        }
        try {
            PtyFrame frame = JSON.readValue(text, PtyFrame.class);
            if (PtyFrame.INPUT.equals(frame.type()) && frame.data() != null) {
                session.write(frame.data());
            } else if (PtyFrame.RESIZE.equals(frame.type()) && frame.cols() != null && frame.rows() != null) {
                session.resize(frame.cols(), frame.rows());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.debugf("pty %s: bad message: %s", session.id(), e.getMessage());
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException || e instanceof IllegalArgumentException) {
                connection.close(CloseReasons.of(SessionCloseCodes.POLICY_VIOLATION, SessionCloseCodes.REASON_BAD_MESSAGE))
                        .subscribe().with(v -> { }, t -> { });
            }
        }
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        PtySession session = byConnection.remove(connection.id());
        if (session != null) {
            manager.close(session.id());
        }
    }

    /** Terminal output to the socket, in order, from the session's pump thread. */
    private static final class Relay implements PtySession.Listener {
        private final WebSocketConnection connection;

        Relay(WebSocketConnection connection) {
            this.connection = connection;
        }

        @Override
        public void output(String text) {
            send(PtyFrame.output(text));
        }

        @Override
        public void exited(int code) {
            send(PtyFrame.exit(code));
            connection.close(CloseReasons.exited(SessionCloseCodes.NORMAL, PtyFrame.EXIT, code)).subscribe().with(v -> { }, t -> { });
        }

        @Override
        public void idle() {
            connection.close(CloseReasons.of(SessionCloseCodes.NORMAL, SessionCloseCodes.REASON_IDLE)).subscribe().with(v -> { }, t -> { });
        }

        private void send(PtyFrame frame) {
            if (!connection.isOpen()) {
                return;
            }
            try {
                connection.sendTextAndAwait(JSON.writeValueAsString(frame));
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                LOG.debugf("pty output not delivered: %s", e.getMessage());
            }
        }
    }
}
