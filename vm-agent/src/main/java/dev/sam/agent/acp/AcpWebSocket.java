package dev.sam.agent.acp;

import dev.sam.agent.session.CloseReasons;
import dev.sam.agent.session.QueryParams;
import dev.sam.agent.session.SessionEnvironment;
import dev.sam.agent.session.SessionGate;
import dev.sam.agent.session.SessionRefusedException;
import dev.sam.contract.acp.AcpFrames;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionCloseCodes;
import dev.sam.contract.session.SessionPaths;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code /workspaces/{id}/acp?agent=<name>}: relays ACP between the client and a configured agent
 * process in the workspace. Token, workspace and agent name are checked before the process starts;
 * the process's environment comes from {@link SessionEnvironment} (no shell is run, F-04).
 */
@WebSocket(path = SessionPaths.ACP)
public class AcpWebSocket {
    private static final Logger LOG = Logger.getLogger(AcpWebSocket.class);

    @Inject
    SessionGate gate;
    @Inject
    SessionEnvironment environment;
    @Inject
    AcpSessionManager manager;

    private final Map<String, AcpSession> byConnection = new ConcurrentHashMap<>();

    @OnOpen
    public void open(WebSocketConnection connection) {
        String workspaceId = connection.pathParam("id");
        try {
            gate.admit(connection.handshakeRequest().header("Authorization"), workspaceId);
            String agent = QueryParams.get(connection.handshakeRequest().query(), SessionPaths.QUERY_AGENT).orElse(null);
            manager.command(agent);
            AcpSession session = manager.open(workspaceId, agent, environment.build(workspaceId, Map.of()), new Relay(connection));
            byConnection.put(connection.id(), session);
            LOG.infof("acp %s opened in %s (agent %s, pid %d)", session.id(), workspaceId, agent, session.pid());
        } catch (SessionRefusedException e) {
            LOG.infof("acp session in %s refused: %s (%s)", workspaceId, e.reason().code(), e.getMessage());
            connection.close(CloseReasons.of(e)).subscribe().with(v -> { }, t -> { });
        } catch (IOException | RuntimeException e) {
            LOG.warnf("acp session in %s failed to start: %s", workspaceId, e.toString());
            connection.close(CloseReasons.of(SessionCloseCodes.INTERNAL_ERROR, Reason.INTERNAL_ERROR.code())).subscribe().with(v -> { }, t -> { });
        }
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String json) {
        AcpSession session = byConnection.get(connection.id());
        if (session == null) {
            return;
        }
        try {
            session.send(json);
        } catch (IOException e) {
            LOG.debugf("acp %s: stdin closed: %s", session.id(), e.getMessage());
        }
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        AcpSession session = byConnection.remove(connection.id());
        if (session != null) {
            manager.close(session.id());
        }
    }

    private static final class Relay implements AcpSession.Listener {
        private final WebSocketConnection connection;

        Relay(WebSocketConnection connection) {
            this.connection = connection;
        }

        @Override
        public void message(String json) {
            if (connection.isOpen()) {
                try {
                    connection.sendTextAndAwait(json);
                } catch (RuntimeException e) {
                    LOG.debugf("acp message not delivered: %s", e.getMessage());
                }
            }
        }

        @Override
        public void exited(int code) {
            connection.close(CloseReasons.exited(SessionCloseCodes.NORMAL, AcpFrames.REASON_EXITED, code)).subscribe().with(v -> { }, t -> { });
        }
    }
}
