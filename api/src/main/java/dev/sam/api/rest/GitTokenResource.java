package dev.sam.api.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.sam.api.auth.CallbackTokens;
import dev.sam.api.service.GitTokenService;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.GitTokenResponse;

/** The token path: a workspace (or its node) asks for a GitHub installation token for the workspace's repository. */
@Path(ApiPaths.GIT_TOKEN)
public class GitTokenResource {
    @Inject
    CallbackTokens callbackTokens;

    @Inject
    GitTokenService gitTokens;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public GitTokenResponse gitToken(@PathParam("id") String workspaceId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return gitTokens.issue(callbackTokens.verifyHeader(authorization), workspaceId);
    }
}
