package dev.sam.agent;

import dev.sam.agent.config.AgentConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Produces the agent's services for the HTTP layer and starts them with the application. */
@ApplicationScoped
public class AgentProducer {
    @Produces
    @Singleton
    AgentServices services(AgentConfig config, Clock clock) {
        return new AgentServices(config, clock);
    }

    /** Tests replace the clock to move across refresh boundaries. */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    void onStart(@Observes StartupEvent event, AgentServices services) {
        services.start();
    }

    void onStop(@Observes ShutdownEvent event, AgentServices services) {
        services.close();
    }
}
