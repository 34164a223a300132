package dev.sam.api.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.sam.api.auth.CallerIdentity;
import dev.sam.api.config.SamConfig;
import dev.sam.api.github.AppJwtSigner;
import dev.sam.api.github.GitHubException;
import dev.sam.api.github.GitHubTokens;
import dev.sam.api.github.InstallationToken;
import dev.sam.api.github.TokenScope;
import dev.sam.api.persistence.InstallationEntity;
import dev.sam.contract.api.GitTokenResponse;
import dev.sam.contract.error.Reason;

/** {@code POST /api/workspaces/{id}/git-token}: authorise, find the workspace's scope, get a token, map failures. */
@ApplicationScoped
public class GitTokenService {
    private static final Logger LOG = Logger.getLogger(GitTokenService.class);
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final WorkspaceService workspaces;
    private final InstallationService installations;
    private final GitHubTokens tokens;
    private final Map<String, String> permissions;

    @Inject
    public GitTokenService(WorkspaceService workspaces, InstallationService installations, GitHubTokens tokens,
            SamConfig config) {
        this.workspaces = workspaces;
        this.installations = installations;
        this.tokens = tokens;
        this.permissions = parsePermissions(config.github().permissions());
    }

    public GitTokenResponse issue(CallerIdentity caller, String workspaceId) {
        WorkspaceService.WorkspaceRef ws = workspaces.authorize(caller, workspaceId);
        if (ws.installationId() == null) {
            throw new ApiException(409, Reason.NO_INSTALLATION, "this workspace has no GitHub App installation");
        }
        String name = ws.repository().substring(ws.repository().indexOf('/') + 1);
        TokenScope scope = TokenScope.of(ws.installationId(), name, permissions);
        try {
            InstallationToken token = tokens.get(scope);
            return new GitTokenResponse(token.token(), token.expiresAt());
        } catch (GitHubException e) {
            LOG.warnf("git token for workspace %s (installation %d) failed: %s (%s)", ws.id(), ws.installationId(),
                    e.reason().code(), e.getMessage());
            recordInstallationState(ws.installationId(), e.reason());
            throw toApi(e);
        } catch (AppJwtSigner.GitHubNotConfiguredException e) {
            LOG.error("git tokens cannot be minted: " + e.getMessage());
            throw new ApiException(503, Reason.GITHUB_UNAVAILABLE, "the GitHub App is not configured on this API",
                    DEFAULT_RETRY_AFTER);
        }
    }

    private void recordInstallationState(long installationId, Reason reason) {
        if (reason == Reason.INSTALLATION_SUSPENDED) {
            installations.recordState(installationId, InstallationEntity.SUSPENDED);
        } else if (reason == Reason.INSTALLATION_NOT_FOUND) {
            installations.recordState(installationId, InstallationEntity.REMOVED);
        }
    }

    static ApiException toApi(GitHubException e) {
        Reason reason = e.reason();
        return switch (reason) {
            case GITHUB_RATE_LIMITED, GITHUB_UNAVAILABLE -> new ApiException(503, reason, e.getMessage(),
                    e.retryAfter().orElse(DEFAULT_RETRY_AFTER));
            case INSTALLATION_SUSPENDED -> new ApiException(403, reason, e.getMessage());
            case INSTALLATION_NOT_FOUND -> new ApiException(404, reason, e.getMessage());
            case CLOCK_SKEW_SUSPECTED -> new ApiException(502, reason, e.getMessage());
            default -> new ApiException(422, reason, e.getMessage());
        };
    }

    static Map<String, String> parsePermissions(String spec) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || !(kv[1].trim().equals("read") || kv[1].trim().equals("write")
                    || kv[1].trim().equals("admin"))) {
                throw new IllegalStateException("SAM_GITHUB_PERMISSIONS must be name=read|write|admin,...; got: " + pair);
            }
            parsed.put(kv[0].trim(), kv[1].trim());
        }
        return Map.copyOf(parsed);
    }
}
