package dev.sam.api.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.sam.api.service.ProvisioningDispatcher;
import dev.sam.api.service.WorkspaceService;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CreateWorkspaceRequest;
import dev.sam.contract.api.WorkspaceCreatedResponse;
import dev.sam.contract.api.WorkspaceView;

@AdminOnly
@Path(ApiPaths.ADMIN_WORKSPACES)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspaceAdminResource {
    @Inject
    WorkspaceService workspaces;

    @Inject
    ProvisioningDispatcher provisioning;

    /** Answers the workspace and its callback token; delivery to the node's agent starts after the commit. */
    @POST
    public Response create(CreateWorkspaceRequest request) {
        WorkspaceCreatedResponse created = workspaces.create(request);
        provisioning.dispatch(created);
        return Response.status(201).entity(created).build();
    }

    @GET
    public List<WorkspaceView> list() {
        return workspaces.list();
    }

    @GET
    @Path("{id}")
    public WorkspaceView get(@PathParam("id") String id) {
        return workspaces.get(id);
    }
}
