package dev.sam.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The JAX-RS side of {@link HttpErrors}: what the resources throw becomes a status with a reason, and nothing more of it. */
class HttpErrorsTest {
    private final HttpErrors errors = new HttpErrors();

    @Test
    void aClientErrorKeepsItsStatusAndHeadersAndGainsAReason() {
        Response r = errors.webApplication(new NotAllowedException("POST"));
        assertEquals(405, r.getStatus());
        assertEquals("POST", r.getHeaderString("Allow"));
        assertEquals(ErrorBody.of(Reason.INVALID_REQUEST, "method not allowed here"), r.getEntity());
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsMessage() {
        Response r = errors.unexpected(new UncheckedIOException("disk full at /var/lib/sam/state/ws-1.json", new java.io.IOException("ENOSPC")));
        assertEquals(500, r.getStatus());
        assertEquals(ErrorBody.of(Reason.INTERNAL_ERROR, "internal error"), r.getEntity());
    }

    @Test
    void aRedirectIsLeftAsItIs() {
        Response r = errors.webApplication(new RedirectionException(Response.Status.SEE_OTHER, URI.create("http://127.0.0.1/elsewhere")));
        assertEquals(303, r.getStatus());
        assertEquals("http://127.0.0.1/elsewhere", r.getLocation().toString());
    }
}
