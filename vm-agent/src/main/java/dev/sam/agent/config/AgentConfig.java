package dev.sam.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The agent's configuration; defaults and their env vars are listed in {@link AgentDefaults}. */
@ConfigMapping(prefix = "sam.agent")
public interface AgentConfig {
    @WithDefault(AgentDefaults.CONTROL_PLANE_URL)
    String controlPlaneUrl();

    @WithDefault(AgentDefaults.NODE_ID)
    String nodeId();

    /** SAM_AGENT_NODE_TOKEN; prefer {@link #nodeTokenFile()}. */
    Optional<String> nodeToken();

    /** SAM_AGENT_NODE_TOKEN_FILE: keeps the secret out of the process environment. */
    Optional<Path> nodeTokenFile();

    @WithDefault(AgentDefaults.LISTEN_ADDRESS)
    String listenAddress();

    @WithDefault("" + AgentDefaults.PORT)
    int port();

    /** SAM_AGENT_URL: how workspaces reach the agent; derived from address and port when absent. */
    Optional<String> url();

    @WithDefault(AgentDefaults.DATA_DIR)
    Path dataDir();

    @WithDefault(AgentDefaults.RUNTIME)
    RuntimeKind runtime();

    @WithDefault("" + AgentDefaults.WORKSPACE_UID)
    int workspaceUid();

    @WithDefault("" + AgentDefaults.WORKSPACE_GID)
    int workspaceGid();

    @WithDefault(AgentDefaults.WORKSPACE_USER)
    String workspaceUser();

    @WithDefault(AgentDefaults.REFRESH_MARGIN)
    Duration refreshMargin();

    @WithDefault(AgentDefaults.SERVE_MARGIN)
    Duration serveMargin();

    @WithDefault(AgentDefaults.REFRESH_CHECK_INTERVAL)
    Duration refreshCheckInterval();

    @WithDefault(AgentDefaults.BACKOFF_INITIAL)
    Duration backoffInitial();

    @WithDefault(AgentDefaults.BACKOFF_MAX)
    Duration backoffMax();

    @WithDefault(AgentDefaults.BACKOFF_TOTAL)
    Duration backoffTotal();

    @WithDefault(AgentDefaults.HTTP_TIMEOUT)
    Duration httpTimeout();

    @WithDefault("" + AgentDefaults.REPORT_ATTEMPTS)
    int reportAttempts();

    @WithDefault(AgentDefaults.CALLBACK_REFRESH_BEFORE)
    Duration callbackRefreshBefore();

    /** SAM_AGENT_EXTRA_HOSTS: GitHub Enterprise hosts served besides github.com (comma-separated). */
    Optional<List<String>> extraHosts();

    @WithDefault(AgentDefaults.BWRAP_COMMAND)
    String bwrapCommand();

    @WithDefault(AgentDefaults.DOCKER_COMMAND)
    String dockerCommand();

    @WithDefault(AgentDefaults.DOCKER_IMAGE)
    String dockerImage();

    @WithDefault(AgentDefaults.HELPER_DIST)
    Path helperDist();

    @WithDefault(AgentDefaults.JWKS_CACHE_TTL)
    Duration jwksCacheTtl();
}
