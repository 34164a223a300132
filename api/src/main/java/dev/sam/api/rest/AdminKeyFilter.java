package dev.sam.api.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.sam.api.auth.AdminKey;
import dev.sam.contract.error.Reason;

/** Operator endpoints ({@code /api/admin/...}) need {@code Authorization: Bearer <admin key>}. */
public class AdminKeyFilter {
    static final String ADMIN_PREFIX = "/api/admin/";
    private static final String BEARER = "Bearer ";

    @Inject
    AdminKey adminKey;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(ADMIN_PREFIX) && !path.equals("/api/admin")) {
            return null;
        }
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
