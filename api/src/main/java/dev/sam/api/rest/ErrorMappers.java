package dev.sam.api.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.sam.api.service.ApiException;
import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;

/** Every failure leaves as an {@link ErrorBody} with a reason; nothing upstream or internal leaks into the body. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of(e.reason(), e.getMessage()));
        e.retryAfter().ifPresent(d -> builder.header("Retry-After", Math.max(1, (d.toMillis() + 999) / 1000)));
        return builder.build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return error(400, Reason.INVALID_REQUEST, "the body is not valid JSON of the expected shape");
    }

    // quarkus-rest-jackson maps these two itself (400 without our body); ours are more specific to the app.
    @ServerExceptionMapper
    public Response jsonParse(com.fasterxml.jackson.core.JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response jsonShape(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 400 && status < 500) {
            // 404 for unknown paths, 405, 415...: still a reason, never a stack trace.
            return error(status, Reason.INVALID_REQUEST, status == 404 ? "no such endpoint" : "the request is not acceptable here");
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return error(500, Reason.INTERNAL_ERROR, "internal error");
    }

    static Response error(int status, Reason reason, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ErrorBody.of(reason, message)).build();
    }
}
