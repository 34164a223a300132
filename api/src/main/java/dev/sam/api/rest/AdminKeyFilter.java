package dev.sam.api.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.sam.api.auth.AdminKey;
import dev.sam.contract.error.Reason;

/** Operator endpoints (annotated {@link AdminOnly}) need {@code Authorization: Bearer <admin key>}. */
public class AdminKeyFilter {
    private static final String BEARER = "Bearer ";

    @Inject
    AdminKey adminKey;

    @AdminOnly
    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return ErrorMappers.error(401, Reason.UNAUTHENTICATED, "the admin key is required");
        }
        if (!adminKey.matches(header.substring(BEARER.length()).trim())) {
            return ErrorMappers.error(401, Reason.TOKEN_INVALID, "the admin key is wrong");
        }
        return null;
    }
}
