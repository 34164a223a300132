package dev.sam.agent.config;

/**
 * Every default of {@link AgentConfig}, named. Each comment names the environment variable that
 * overrides it (SmallRye maps {@code sam.agent.x-y} to {@code SAM_AGENT_X_Y}).
 */
public final class AgentDefaults {
    /** SAM_AGENT_CONTROL_PLANE_URL */
    public static final String CONTROL_PLANE_URL = "http://127.0.0.1:8080";
    /** SAM_AGENT_NODE_ID */
    public static final String NODE_ID = "node-local";
    /** SAM_AGENT_LISTEN_ADDRESS: loopback only; workspaces reach the agent through the shared network namespace. */
    public static final String LISTEN_ADDRESS = "127.0.0.1";
    /** SAM_AGENT_PORT: fixed so that helper configs written into workspaces stay valid across restarts. */
    public static final int PORT = 9100;
    /** SAM_AGENT_DATA_DIR */
    public static final String DATA_DIR = "/var/lib/sam-agent";
    /** SAM_AGENT_RUNTIME */
    public static final String RUNTIME = "bwrap";
    /** SAM_AGENT_WORKSPACE_UID */
    public static final int WORKSPACE_UID = 1000;
    /** SAM_AGENT_WORKSPACE_GID */
    public static final int WORKSPACE_GID = 1000;
    /** SAM_AGENT_WORKSPACE_USER: name of the home directory inside the workspace ({@code /home/<user>}). */
    public static final String WORKSPACE_USER = "sam";
    /** SAM_AGENT_REFRESH_MARGIN: refresh in the background once less than this remains. */
    public static final String REFRESH_MARGIN = "20m";
    /** SAM_AGENT_SERVE_MARGIN: never hand out a token with less than this left (a clone must not outlive it). */
    public static final String SERVE_MARGIN = "10m";
    /** SAM_AGENT_REFRESH_CHECK_INTERVAL: how often the refresher looks at every workspace. */
    public static final String REFRESH_CHECK_INTERVAL = "15s";
    /** SAM_AGENT_BACKOFF_INITIAL */
    public static final String BACKOFF_INITIAL = "1s";
    /** SAM_AGENT_BACKOFF_MAX */
    public static final String BACKOFF_MAX = "30s";
    /** SAM_AGENT_BACKOFF_TOTAL: provisioning waits this long for a token before going ready with credentials pending. */
    public static final String BACKOFF_TOTAL = "2m";
    /** SAM_AGENT_HTTP_TIMEOUT: every call to the control plane. */
    public static final String HTTP_TIMEOUT = "10s";
    /** SAM_AGENT_REPORT_ATTEMPTS: ready/failed reports to the control plane. */
    public static final int REPORT_ATTEMPTS = 5;
    /** SAM_AGENT_CALLBACK_REFRESH_BEFORE: exchange the callback token when less than this remains. */
    public static final String CALLBACK_REFRESH_BEFORE = "15m";
    /** SAM_AGENT_BWRAP_COMMAND */
    public static final String BWRAP_COMMAND = "bwrap";
    /** SAM_AGENT_DOCKER_COMMAND */
    public static final String DOCKER_COMMAND = "docker";
    /** SAM_AGENT_DOCKER_IMAGE */
    public static final String DOCKER_IMAGE = "mcr.microsoft.com/devcontainers/base:bookworm";
    /** SAM_AGENT_HELPER_DIST: the credential helper's distribution, bound read-only into every workspace. */
    public static final String HELPER_DIST = "/opt/sam/credential-helper";
    /** SAM_AGENT_JWKS_CACHE_TTL */
    public static final String JWKS_CACHE_TTL = "10m";

    private AgentDefaults() {
    }
}
