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

import dev.sam.api.service.InstallationService;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CreateInstallationRequest;
import dev.sam.contract.api.InstallationView;

@AdminOnly
@Path(ApiPaths.ADMIN_INSTALLATIONS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InstallationAdminResource {
    @Inject
    InstallationService installations;

    @POST
    public Response create(CreateInstallationRequest request) {
        return Response.status(201).entity(installations.create(request)).build();
    }

    @GET
    public List<InstallationView> list() {
        return installations.list();
    }
}
