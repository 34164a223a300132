package dev.sam.agent.provision;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.agent.AgentServices;
import dev.sam.agent.controlplane.JwtException;
import dev.sam.agent.controlplane.VerifiedJwt;
import dev.sam.agent.workspace.WorkspaceId;
import dev.sam.contract.api.CallbackTokenClaims;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /workspaces} (from the control plane, bearer JWT with audience {@code node-agent} and
 * subject = this node) and {@code GET /workspaces/{id}} (same bearer). Provisioning is asynchronous:
 * 202 now, state in GET.
 */
@Path("/workspaces")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    AgentServices services;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response provision(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        Response refused = authenticate(authorization);
        if (refused != null) {
            return refused;
        }
        ProvisionRequest request;
        try {
            request = JSON.readValue(body, ProvisionRequest.class);
        } catch (Exception e) {
            return error(400, Reason.INVALID_REQUEST, "body is not a ProvisionRequest");
        }
        try {
            return Response.accepted(services.provisioning().accept(request)).build();
        } catch (InvalidRequestException e) {
            return error(400, Reason.INVALID_REQUEST, e.getMessage());
        } catch (WorkspaceConflictException e) {
            return error(409, Reason.CONFLICT, e.getMessage());
        }
    }

    @GET
    @Path("{id}")
    public Response status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        Response refused = authenticate(authorization);
        if (refused != null) {
            return refused;
        }
        if (!WorkspaceId.isValid(id)) {
            return error(400, Reason.INVALID_REQUEST, "malformed workspace id");
        }
        return services.provisioning().status(id)
                .map(s -> Response.ok(s).build())
                .orElseGet(() -> error(404, Reason.WORKSPACE_NOT_FOUND, "no such workspace on this node"));
    }

    private Response authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return error(401, Reason.UNAUTHENTICATED, "bearer token required");
        }
        try {
            VerifiedJwt jwt = services.jwtVerifier().verify(authorization.substring(7).strip(), CallbackTokenClaims.AUDIENCE_NODE_AGENT);
            if (!jwt.subject().equals(services.config().nodeId())) {
                return error(403, Reason.FORBIDDEN, "token is for another node");
            }
            return null;
        } catch (JwtException e) {
            return error(401, e.reason(), e.getMessage());
        }
    }

    private static Response error(int status, Reason reason, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ErrorBody.of(reason, message)).build();
    }
}
