package dev.sam.api.rest;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sam.api.auth.SessionTokenIssuer;
import dev.sam.api.service.ApiException;
import dev.sam.api.service.WorkspaceService;
import dev.sam.contract.session.SessionTokenRequest;
import dev.sam.contract.session.SessionTokenResponse;
import dev.sam.contract.session.SessionTokens;

/** Operators (admin key, checked by {@link AdminKeyFilter}) get a short-lived token to open terminal or agent sessions. */
@AdminOnly
@Path(SessionTokens.ADMIN_SESSION_TOKEN)
@Produces(MediaType.APPLICATION_JSON)
public class SessionTokenResource {
    @Inject
    WorkspaceService workspaces;

    @Inject
    SessionTokenIssuer issuer;

    @Inject
    ObjectMapper json;

    /** The body is optional and read by hand, so a request without one (or without a content type) is fine. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public SessionTokenResponse issue(@PathParam("id") String id, byte[] body) {
        SessionTokenRequest request = null;
        if (body != null && body.length > 0) {
            try {
                request = json.readValue(body, SessionTokenRequest.class);
            } catch (java.io.IOException e) {
                throw ApiException.invalid("the body must be {\"ttlSeconds\": n} or empty");
            }
        }
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
