package dev.sam.agent.session;

import dev.sam.contract.session.SessionSocket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sam.agent.AgentServices;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionCloseCodes;
import dev.sam.contract.session.SessionPaths;
import dev.sam.contract.session.SessionTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad session token is refused on both endpoints with its reason (close 1008), and no process
 * is started for it: the JVM gains no sandbox child and the managers hold no session.
 */
@QuarkusTest
@QuarkusTestResource(SessionTestResource.class)
class SessionRefusalTest {
    static final String WS = "ws-guarded";
    static final String OTHER = "ws-neighbour";

    @Inject
    AgentServices agent;

    @TestHTTPResource("/")
    URI base;

    static java.util.stream.Stream<Arguments> badTokens() {
        return java.util.stream.Stream.of(
                Arguments.of("missing", Reason.UNAUTHENTICATED),
                Arguments.of("expired", Reason.TOKEN_EXPIRED),
                Arguments.of("forged", Reason.TOKEN_INVALID),
                Arguments.of("other-workspace", Reason.FORBIDDEN),
                Arguments.of("wrong-audience", Reason.WRONG_AUDIENCE),
                Arguments.of("garbage", Reason.TOKEN_INVALID));
    }

    static String token(String kind) throws Exception {
        var cp = SessionTestResource.controlPlane();
        Map<String, Object> claim = Map.of(SessionTokens.CLAIM_WORKSPACE_ID, WS);
        return switch (kind) {
            case "missing" -> null;
            case "expired" -> cp.jwt(ApiPaths.AUDIENCE_SESSION, WS, Duration.ofMinutes(-5), claim);
            case "forged" -> forged();
            case "other-workspace" -> SessionFixtures.sessionToken(OTHER);
            case "wrong-audience" -> cp.jwt(ApiPaths.AUDIENCE_CALLBACK, WS, Duration.ofMinutes(10), claim);
            case "garbage" -> "not.a.jwt";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Right shape, right kid, right claims, signed by a key that is not the control plane's. */
    static String forged() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var keys = g.generateKeyPair();
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String real = SessionFixtures.sessionToken(WS);
        String header = real.substring(0, real.indexOf('.'));
        ObjectNode claims = json.createObjectNode().put("iss", "sam-api").put("aud", ApiPaths.AUDIENCE_SESSION).put("sub", WS)
                .put(SessionTokens.CLAIM_WORKSPACE_ID, WS).put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        String input = header + "." + enc.encodeToString(json.writeValueAsBytes(claims));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + enc.encodeToString(s.sign());
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("cases")
    void refusedWithItsReasonBeforeAnyProcessStarts(String kind, Reason reason, String path) throws Exception {
        SessionFixtures.ready(agent, WS);
        SessionFixtures.ready(agent, OTHER);
        long sandboxesBefore = sandboxes();
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
        try (SessionSocket c = SessionSocket.connect(uri, token(kind))) {
            SessionSocket.Closed closed = c.awaitClosed(Duration.ofSeconds(30));
            assertEquals(SessionCloseCodes.POLICY_VIOLATION, closed.code());
            assertEquals("{\"reason\":\"" + reason.code() + "\"}", closed.reason());
            assertEquals(0, c.all().size(), "not a single frame before the close");
        }
        // Not equality: a sandbox of an earlier test may still be exiting; a refused start would add one.
        org.junit.jupiter.api.Assertions.assertTrue(sandboxes() <= sandboxesBefore, "no process was started");
        assertEquals(0, io.quarkus.arc.Arc.container().instance(dev.sam.agent.pty.PtySessionManager.class).get().count(WS));
        assertEquals(0, io.quarkus.arc.Arc.container().instance(dev.sam.agent.acp.AcpSessionManager.class).get().count(WS));
    }

    static java.util.stream.Stream<Arguments> cases() {
        String acp = SessionPaths.acp(WS) + "?" + SessionPaths.QUERY_AGENT + "=" + SessionTestResource.TEST_AGENT;
        return badTokens().flatMap(a -> java.util.stream.Stream.of(
                Arguments.of(a.get()[0], a.get()[1], SessionPaths.pty(WS)),
                Arguments.of(a.get()[0], a.get()[1], acp)));
    }

    /** Sandboxes (bwrap, or setpriv in front of it) started by this JVM and still running. */
    static long sandboxes() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bwrap") || c.endsWith("/setpriv")).orElse(false)).count();
    }
}
