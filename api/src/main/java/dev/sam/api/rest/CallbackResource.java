package dev.sam.api.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.sam.api.auth.CallbackTokens;
import dev.sam.api.auth.CallerIdentity;
import dev.sam.api.service.ApiException;
import dev.sam.api.service.NodeService;
import dev.sam.api.service.WorkspaceService;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CallbackTokenResponse;
import dev.sam.contract.api.NodeView;
import dev.sam.contract.api.ProvisioningFailedRequest;
import dev.sam.contract.api.WorkspaceView;
import dev.sam.contract.error.Reason;

/** What agents call back with a callback token: ready, provisioning failed, heartbeat, token refresh. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackResource {
    @Inject
    CallbackTokens tokens;

    @Inject
    WorkspaceService workspaces;

    @Inject
    NodeService nodes;

    @POST
    @Path(ApiPaths.WORKSPACE_READY)
    public WorkspaceView ready(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return workspaces.markReady(tokens.verifyHeader(authorization), id);
    }

    @POST
    @Path(ApiPaths.WORKSPACE_FAILED)
    @Consumes(MediaType.APPLICATION_JSON)
    public WorkspaceView failed(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            ProvisioningFailedRequest request) {
        return workspaces.markFailed(tokens.verifyHeader(authorization), id, request);
    }

    @POST
    @Path(ApiPaths.NODE_HEARTBEAT)
    public NodeView heartbeat(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        CallerIdentity caller = tokens.verifyHeader(authorization);
        if (!caller.isNode(id)) {
            throw new ApiException(403, Reason.FORBIDDEN, "only the node itself may send its heartbeat");
        }
        return nodes.heartbeat(id);
    }

    /** A still-valid callback token buys a fresh one for the same subject, if that subject still exists. */
    @POST
    @Path(ApiPaths.CALLBACK_TOKEN_REFRESH)
    public CallbackTokenResponse refresh(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        CallerIdentity caller = tokens.verifyHeader(authorization);
        if (caller.isNodeToken()) {
            nodes.require(caller.subject());
        } else {
            workspaces.get(caller.subject());
        }
        return tokens.issue(caller.type(), caller.subject());
    }
}
