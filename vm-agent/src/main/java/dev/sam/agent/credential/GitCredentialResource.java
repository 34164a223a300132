package dev.sam.agent.credential;

import dev.sam.agent.AgentServices;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.agent.CredentialStatus;
import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code /git-credential/erase} and {@code /status}: thin HTTP mapping of {@link GitCredentialService}. {@code /git-credential} itself is {@link GitCredentialRoute}. */
@Path("")
public class GitCredentialResource {
    /** Optional: the workspace the caller believes it is; compared, never trusted. */
    public static final String WORKSPACE_HEADER = "X-Sam-Workspace-Id";
    private static final String AGENT_VERSION = String.valueOf(AgentServices.class.getPackage().getImplementationVersion());

    @Inject
    AgentServices services;

    @POST
    @Path(AgentPaths.GIT_CREDENTIAL_ERASE)
    @Consumes(MediaType.WILDCARD)
    public Response erase(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(WORKSPACE_HEADER) String workspace) {
        return toResponse(services.gitCredentials().erase(authorization, workspace));
    }

    @GET
    @Path(AgentPaths.GIT_CREDENTIAL_STATUS)
    public Response status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<WorkspaceRecord> ws = services.gitCredentials().authenticate(authorization);
        if (ws.isEmpty()) {
            return Response.status(401).type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBody.of(Reason.UNAUTHENTICATED, "missing or unknown workspace credential")).build();
        }
        String id = ws.get().workspaceId();
        TokenService tokens = services.tokens();
        // The token service's states are spelled like CredentialStatus's (live, pending, failed).
        CredentialStatus status = new CredentialStatus(id, tokens.state(id), tokens.reason(id).map(Reason::code).orElse(null),
                tokens.cached(id).map(t -> t.expiresAt().toString()).orElse(null), AGENT_VERSION);
        return Response.ok(status, MediaType.APPLICATION_JSON).build();
    }

    static Response toResponse(CredentialAnswer answer) {
        if (answer.error() != null) {
            Response.ResponseBuilder b = Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.error());
            answer.retryAfterSeconds().ifPresent(s -> b.header("Retry-After", s));
            return b.build();
        }
        return Response.ok(answer.body(), MediaType.TEXT_PLAIN).header("Cache-Control", "no-store").build();
    }
}
