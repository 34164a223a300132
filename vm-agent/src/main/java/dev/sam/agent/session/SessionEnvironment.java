package dev.sam.agent.session;

import dev.sam.agent.credential.CachedToken;
import dev.sam.agent.credential.TokenOutcome;
import dev.sam.agent.credential.TokenService;
import dev.sam.agent.runtime.WorkspaceRuntime;
import dev.sam.contract.bootstrap.TokenEnvNames;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvFileException;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.WorkspacePaths;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The environment of a session's process, built without running a shell (F-04): a fixed base,
 * then {@code /etc/sam/env} read with {@link EnvFile#read}, then {@code GH_TOKEN} from the agent's
 * token cache for <em>this session's workspace</em> whenever the file's is missing or has less
 * than {@code margin} left (per {@code SAM_GH_TOKEN_EXPIRES_AT}; a token without a known expiry
 * counts as stale). The workspace id comes from the verified session, never from the process.
 */
public final class SessionEnvironment {
    private static final Logger LOG = Logger.getLogger(SessionEnvironment.class);
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    private final WorkspaceRuntime runtime;
    private final TokenService tokens;
    private final Clock clock;
    private final Duration margin;
    private final String user;

    public SessionEnvironment(WorkspaceRuntime runtime, TokenService tokens, Clock clock, Duration margin, String user) {
        this.runtime = runtime;
        this.tokens = tokens;
        this.clock = clock;
        this.margin = margin;
        this.user = user;
    }

    /** {@code extra} (TERM, SHELL) goes over the base; the file and the token go over both. */
    public Map<String, String> build(String workspaceId, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/home/" + user);
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("PATH", PATH);
        env.put("LANG", "C.UTF-8");
        env.putAll(extra);
        Map<String, String> file = envFile(workspaceId);
        env.putAll(file);
        if (!fresh(file)) {
            TokenOutcome outcome = tokens.token(workspaceId);
            Optional<CachedToken> live = outcome.token();
            if (live.isPresent()) {
                env.put(EnvNames.GH_TOKEN, live.get().token());
                env.put(TokenEnvNames.GH_TOKEN_EXPIRES_AT, live.get().expiresAt().toString());
                env.put(TokenEnvNames.GH_TOKEN_SOURCE, TokenEnvNames.SOURCE_SAM);
            } else if (!usable(file)) {
                // Better no token than a dead one: gh then says "not logged in" instead of 401 later.
                env.remove(EnvNames.GH_TOKEN);
                env.remove(TokenEnvNames.GH_TOKEN_EXPIRES_AT);
                env.remove(TokenEnvNames.GH_TOKEN_SOURCE);
                LOG.warnf("session in %s starts without GH_TOKEN: %s", workspaceId, outcome.reason() == null ? "no token" : outcome.reason().code());
            }
        }
        env.put(EnvNames.SAM_WORKSPACE_ID, workspaceId);
        return env;
    }

    private Map<String, String> envFile(String workspaceId) {
        try {
            return EnvFile.read(runtime.readFile(workspaceId, WorkspacePaths.ENV_FILE));
        } catch (IOException | EnvFileException e) {
            LOG.warnf("cannot read %s of %s: %s", WorkspacePaths.ENV_FILE, workspaceId, e.getMessage());
            return Map.of();
        }
    }

    private boolean fresh(Map<String, String> file) {
        return left(file).map(d -> d.compareTo(margin) >= 0).orElse(false);
    }

    /** Still alive at all: used only when the cache cannot answer. */
    private boolean usable(Map<String, String> file) {
        return left(file).map(d -> d.compareTo(Duration.ofMinutes(1)) > 0).orElse(false);
    }

    private Optional<Duration> left(Map<String, String> file) {
        String token = file.get(EnvNames.GH_TOKEN);
        String expires = file.get(TokenEnvNames.GH_TOKEN_EXPIRES_AT);
        if (token == null || token.isEmpty() || expires == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.between(clock.instant(), Instant.parse(expires)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
