package dev.sam.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal the agent sends is an {@link ErrorBody} with a reason, also where no handler of ours
 * ran: a path no route serves (including one that normalises away, such as {@code /workspaces/..}),
 * a method a path does not take, a body over a route's limit. Vert.x answers those with HTML or an
 * empty body unless told otherwise; the JAX-RS resources raise them as exceptions.
 */
@ApplicationScoped
public class HttpErrors {
    private static final Logger LOG = Logger.getLogger(HttpErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    void register(@Observes Router router) {
        for (int status : new int[] {404, 405, 413}) {
            router.errorHandler(status, ctx -> send(ctx, status, Reason.INVALID_REQUEST, message(status)));
        }
    }

    /**
     * For our own Vert.x routes: a failure raised on them (a body over the limit, a handler that
     * threw) answered with a reason. Quarkus's own failure handler would end it with an empty body.
     */
    public static void onFailure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status >= 400 && status < 500) {
            send(ctx, status, Reason.INVALID_REQUEST, message(status));
            return;
        }
        LOG.errorf(ctx.failure(), "unexpected failure answering %s %s (status %d)", ctx.request().method(), ctx.request().path(), status);
        send(ctx, 500, Reason.INTERNAL_ERROR, "internal error");
    }

    /** 4xx raised by the JAX-RS layer (no such method, unsupported type...): status and headers such as {@code Allow} kept, a reason added. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 400 && status < 500) {
            return Response.fromResponse(e.getResponse()).type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBody.of(Reason.INVALID_REQUEST, message(status))).build();
        }
        if (status < 400) {
            return e.getResponse();
        }
        return unexpected(e);
    }

    /** Anything else a resource throws (a full disk under a state write, a bug): logged whole, answered without its details. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "unexpected failure answering a request");
        return Response.status(500).type(MediaType.APPLICATION_JSON).entity(ErrorBody.of(Reason.INTERNAL_ERROR, "internal error")).build();
    }

    private static String message(int status) {
        return switch (status) {
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed here";
            case 413 -> "request body too large";
            case 415 -> "unsupported content type";
            default -> "the request is not acceptable here";
        };
    }

    private static void send(RoutingContext ctx, int status, Reason reason, String message) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        try {
            ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(JSON.writeValueAsString(ErrorBody.of(reason, message)));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
