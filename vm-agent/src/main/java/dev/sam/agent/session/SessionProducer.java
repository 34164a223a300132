package dev.sam.agent.session;

import dev.sam.agent.AgentServices;
import dev.sam.agent.acp.AcpSessionManager;
import dev.sam.agent.pty.PtyLauncher;
import dev.sam.agent.pty.PtySessionManager;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the session classes from the agent's services; on shutdown every session's process tree is ended. */
@ApplicationScoped
public class SessionProducer {
    @Produces
    @Singleton
    SessionGate gate(AgentServices services) {
        return new SessionGate(new SessionTokenVerifier(services.jwtVerifier()), services.store());
    }

    @Produces
    @Singleton
    SessionEnvironment environment(AgentServices services, Clock clock) {
        return new SessionEnvironment(services.runtime(), services.tokens(), clock, services.config().refreshMargin(),
                services.config().workspaceUser());
    }

    @Produces
    @Singleton
    PtySessionManager ptyManager(AgentServices services, SessionConfig config, Clock clock) {
        return new PtySessionManager(new PtyLauncher(services.runtime()), config.ptyLimit(), config.ptyIdleTimeout(),
                config.terminalBuffer(), clock);
    }

    @Produces
    @Singleton
    AcpSessionManager acpManager(AgentServices services, SessionConfig config) {
        return new AcpSessionManager(services.runtime(), config.acpAgents(), config.acpLimit());
    }

    void onStop(@Observes ShutdownEvent event, PtySessionManager pty, AcpSessionManager acp) {
        pty.close();
        acp.close();
    }
}
