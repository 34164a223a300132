package dev.sam.agent;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Token fetch latency, failures by reason and cache hits as JSON. Counts only; no workspace data. */
@Path("/metrics")
public class MetricsResource {
    @Inject
    AgentServices services;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> metrics() {
        return services.metrics().snapshot();
    }
}
