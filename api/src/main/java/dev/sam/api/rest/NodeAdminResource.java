package dev.sam.api.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.sam.api.service.NodeService;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CreateNodeRequest;
import dev.sam.contract.api.NodeView;

@AdminOnly
@Path(ApiPaths.ADMIN_NODES)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NodeAdminResource {
    @Inject
    NodeService nodes;

    /** Answers the node and its callback token. */
    @POST
    public Response register(CreateNodeRequest request) {
        return Response.status(201).entity(nodes.register(request)).build();
    }

    @GET
    public List<NodeView> list() {
        return nodes.list();
    }
}
