package dev.sam.api.rest;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.sam.api.auth.SessionTokenIssuer;
import dev.sam.api.service.ApiException;
import dev.sam.api.service.WorkspaceService;
import dev.sam.contract.session.SessionTokenRequest;
import dev.sam.contract.session.SessionTokenResponse;
import dev.sam.contract.session.SessionTokens;

/** Operators (admin key, checked by {@link AdminKeyFilter}) get a short-lived token to open terminal or agent sessions. */
@Path(SessionTokens.ADMIN_SESSION_TOKEN)
@Produces(MediaType.APPLICATION_JSON)
public class SessionTokenResource {
    @Inject
    WorkspaceService workspaces;

    @Inject
    SessionTokenIssuer issuer;

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public SessionTokenResponse issue(@PathParam("id") String id, SessionTokenRequest request) {
        Duration lifetime = SessionTokens.DEFAULT_LIFETIME;
        if (request != null && request.ttlSeconds() != null) {
            int ttl = request.ttlSeconds();
            if (ttl < 1 || ttl > SessionTokens.MAX_LIFETIME.toSeconds()) {
                throw ApiException.invalid("ttlSeconds must be between 1 and " + SessionTokens.MAX_LIFETIME.toSeconds());
            }
            lifetime = Duration.ofSeconds(ttl);
        }
        workspaces.get(id); // 404 workspace_not_found for an unknown id
        return issuer.issue(id, lifetime);
    }
}
