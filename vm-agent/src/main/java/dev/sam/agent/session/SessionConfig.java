package dev.sam.agent.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Terminal and coding-agent sessions. Every key can be set as an env var
 * ({@code SAM_SESSIONS_PTY_LIMIT}, ...); maps as {@code sam.sessions.acp-agents.<name>=cmd,arg,...}.
 */
@ConfigMapping(prefix = "sam.sessions")
public interface SessionConfig {
    /** SAM_SESSIONS_PTY_LIMIT: open terminals per workspace. */
    @WithDefault("8")
    int ptyLimit();

    /** SAM_SESSIONS_ACP_LIMIT: coding-agent processes per workspace. */
    @WithDefault("4")
    int acpLimit();

    /** SAM_SESSIONS_PTY_IDLE_TIMEOUT: a terminal with neither input nor output for this long is closed. */
    @WithDefault("30m")
    Duration ptyIdleTimeout();

    /** SAM_SESSIONS_DEFAULT_SHELL: a name from {@code PtyShells}. */
    @WithDefault("bash")
    String defaultShell();

    /** Per workspace id, a shell name from {@code PtyShells}; overrides the default. */
    Map<String, String> workspaceShells();

    /** Agent name (the {@code ?agent=} parameter) to its command line; nothing is run through a shell. */
    Map<String, List<String>> acpAgents();

    /** SAM_SESSIONS_TERMINAL_BUFFER: bytes of recent terminal output kept per session. */
    @WithDefault("65536")
    int terminalBuffer();
}
