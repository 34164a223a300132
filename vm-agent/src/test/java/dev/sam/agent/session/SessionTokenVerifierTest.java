package dev.sam.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sam.agent.StubControlPlane;
import dev.sam.agent.controlplane.ControlPlaneClient;
import dev.sam.agent.controlplane.JwksKeys;
import dev.sam.agent.controlplane.JwtVerifier;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionCloseCodes;
import dev.sam.contract.session.SessionTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session-token check against a real JWKS endpoint: each refusal with its reason, key rotation picked up. */
class SessionTokenVerifierTest {
    StubControlPlane cp;
    SessionTokenVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        cp = new StubControlPlane();
        Clock clock = Clock.systemUTC();
        verifier = new SessionTokenVerifier(new JwtVerifier(
                new JwksKeys(new ControlPlaneClient(cp.url(), Duration.ofSeconds(5)), clock, Duration.ofMinutes(10)), clock));
    }

    @AfterEach
    void tearDown() {
        cp.close();
    }

    String token(String audience, String ws, Duration ttl) {
        return cp.jwt(audience, ws, ttl, Map.of(SessionTokens.CLAIM_WORKSPACE_ID, ws));
    }

    Reason refusal(String header, String ws) {
        SessionRefusedException e = assertThrows(SessionRefusedException.class, () -> verifier.verify(header, ws));
        assertEquals(SessionCloseCodes.POLICY_VIOLATION, e.closeCode());
        return e.reason();
    }

    @Test
    void aValidTokenForThisWorkspacePasses() throws Exception {
        assertEquals("ws-1", verifier.verify("Bearer " + token(ApiPaths.AUDIENCE_SESSION, "ws-1", Duration.ofMinutes(5)), "ws-1").subject());
        assertEquals("ws-1", verifier.verify("bearer " + token(ApiPaths.AUDIENCE_SESSION, "ws-1", Duration.ofMinutes(5)), "ws-1").subject());
    }

    @Test
    void eachBadTokenHasItsReason() {
        assertEquals(Reason.UNAUTHENTICATED, refusal(null, "ws-1"));
        assertEquals(Reason.UNAUTHENTICATED, refusal("Basic eDp5", "ws-1"));
        assertEquals(Reason.UNAUTHENTICATED, refusal("Bearer  ", "ws-1"));
        assertEquals(Reason.TOKEN_INVALID, refusal("Bearer a.b.c", "ws-1"));
        assertEquals(Reason.TOKEN_EXPIRED, refusal("Bearer " + token(ApiPaths.AUDIENCE_SESSION, "ws-1", Duration.ofMinutes(-5)), "ws-1"));
        assertEquals(Reason.WRONG_AUDIENCE, refusal("Bearer " + token(ApiPaths.AUDIENCE_CALLBACK, "ws-1", Duration.ofMinutes(5)), "ws-1"));
        assertEquals(Reason.FORBIDDEN, refusal("Bearer " + token(ApiPaths.AUDIENCE_SESSION, "ws-2", Duration.ofMinutes(5)), "ws-1"));
        String noClaim = cp.jwt(ApiPaths.AUDIENCE_SESSION, "ws-1", Duration.ofMinutes(5), Map.of());
        assertEquals(Reason.FORBIDDEN, refusal("Bearer " + noClaim, "ws-1"), "the subject alone does not name the workspace");
    }

    @Test
    void aRotatedKeyIsFetchedOnItsUnknownKid() throws Exception {
        verifier.verify("Bearer " + token(ApiPaths.AUDIENCE_SESSION, "ws-1", Duration.ofMinutes(5)), "ws-1");
        // A distinct token (the verifier remembers tokens it already accepted, until they expire).
        String old = cp.jwt(ApiPaths.AUDIENCE_SESSION, "ws-1", Duration.ofMinutes(6), Map.of(SessionTokens.CLAIM_WORKSPACE_ID, "ws-1"));
        cp.rotateKey("k2");
        dev.sam.agent.TestAgents.await("refetch allowed", Duration.ofSeconds(10), () -> {
            try {
                verifier.verify("Bearer " + token(ApiPaths.AUDIENCE_SESSION, "ws-1", Duration.ofMinutes(5)), "ws-1");
                return true;
            } catch (SessionRefusedException e) {
                return false;
            }
        });
        assertEquals(Reason.TOKEN_INVALID, refusal("Bearer " + old, "ws-1"), "the retired key no longer verifies");
    }
}
