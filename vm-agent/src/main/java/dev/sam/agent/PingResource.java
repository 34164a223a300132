package dev.sam.agent;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** A trivial endpoint on the same server, the baseline for {@code bench/git-credential.sh}. */
@Path("/ping")
public class PingResource {
    @POST
    public Response ping() {
        return Response.ok().build();
    }
}
