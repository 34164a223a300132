package dev.sam.agent.credential;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.agent.AgentServices;
import dev.sam.agent.HttpErrors;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.credential.CredentialCodec;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * {@code POST /git-credential} as a plain Vert.x route: it is the hot path (every git fetch and
 * push), and a warm answer is a hash lookup, so it is answered on the I/O thread without the
 * JAX-RS machinery; only a cache miss, which may wait for the control plane, goes to a worker.
 */
@ApplicationScoped
public class GitCredentialRoute {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgentServices services;

    void register(@Observes Router router) {
        router.route(HttpMethod.POST, AgentPaths.GIT_CREDENTIAL)
                .handler(BodyHandler.create().setBodyLimit(CredentialCodec.MAX_MESSAGE_BYTES))
                .handler(this::handle)
                .failureHandler(HttpErrors::onFailure);
        // Any other method on the path: 405 with Allow, as JAX-RS paths answer, not "no such endpoint".
        router.route(AgentPaths.GIT_CREDENTIAL)
                .handler(ctx -> {
                    ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
                    ctx.fail(405);
                })
                .failureHandler(HttpErrors::onFailure);
    }

    private void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String workspace = ctx.request().getHeader(GitCredentialResource.WORKSPACE_HEADER);
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        CredentialAnswer fast = services.gitCredentials().getWithoutWaiting(authorization, workspace, body);
        if (fast != null) {
            send(ctx, fast);
            return;
        }
        ctx.vertx().<CredentialAnswer>executeBlocking(() -> services.gitCredentials().get(authorization, workspace, body), false)
                .onComplete(r -> {
                    if (r.succeeded()) {
                        send(ctx, r.result());
                    } else {
                        ctx.fail(r.cause());
                    }
                });
    }

    private static void send(RoutingContext ctx, CredentialAnswer a) {
        var response = ctx.response().setStatusCode(a.status()).putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (a.error() != null) {
            a.retryAfterSeconds().ifPresent(s -> response.putHeader("Retry-After", Long.toString(s)));
            try {
                response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(JSON.writeValueAsString(a.error()));
            } catch (Exception e) {
                ctx.fail(e);
            }
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end(io.vertx.core.buffer.Buffer.buffer(a.body()));
    }
}
