package dev.sam.agent;

import dev.sam.contract.credential.CredentialCodec;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code POST /ping}: the baseline for {@code bench/git-credential.sh}. It is served by the same
 * kind of handler as {@code /git-credential} (a Vert.x route with the same body handler, on the I/O
 * thread) and answers a fixed body, so the benchmark's ratio is the cost of finding and encoding a
 * workspace's credential, not the difference between two HTTP stacks.
 */
@ApplicationScoped
public class PingRoute {
    static final String PATH = "/ping";

    void register(@Observes Router router) {
        router.route(HttpMethod.POST, PATH)
                .handler(BodyHandler.create().setBodyLimit(CredentialCodec.MAX_MESSAGE_BYTES))
                .handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("pong\n"))
                .failureHandler(HttpErrors::onFailure);
    }
}
