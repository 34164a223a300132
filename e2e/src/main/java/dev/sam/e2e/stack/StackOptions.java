package dev.sam.e2e.stack;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How a stack is started. Defaults are production's, except what a test shortens.
 *
 * @param tokenLifetime   installation-token lifetime at the emulator (GitHub: 1 h)
 * @param agentMargins    the agent's refresh and serve margins and check interval, as its env vars
 *                        ({@code SAM_AGENT_REFRESH_MARGIN=...}); empty keeps the defaults
 * @param postgresUrl     JDBC URL of PostgreSQL for the API; empty = embedded H2 file
 */
public record StackOptions(Duration tokenLifetime, Map<String, String> agentMargins, Map<String, String> apiSettings,
                           Optional<String> postgresUrl) {
    public static StackOptions defaults() {
        return new StackOptions(Duration.ofHours(1), Map.of(), Map.of(), Optional.empty());
    }

    public StackOptions withTokenLifetime(Duration lifetime) {
        return new StackOptions(lifetime, agentMargins, apiSettings, postgresUrl);
    }

    public StackOptions withAgentSettings(Map<String, String> settings) {
        return new StackOptions(tokenLifetime, settings, apiSettings, postgresUrl);
    }

    public StackOptions withApiSettings(Map<String, String> settings) {
        return new StackOptions(tokenLifetime, agentMargins, settings, postgresUrl);
    }

    public StackOptions withPostgres(String jdbcUrl) {
        return new StackOptions(tokenLifetime, agentMargins, apiSettings, Optional.of(jdbcUrl));
    }
}
