package dev.sam.agent.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sam.agent.StubControlPlane;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CallbackTokenClaims;
import dev.sam.contract.error.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A burst of calls carrying one JWT the verifier has not seen checks its signature once. */
class JwtVerifierBurstTest {
    private static final int CALLERS = 32;

    @Test
    void aBurstWithOneNewTokenChecksItsSignatureOnce() throws Exception {
        try (StubControlPlane cp = new StubControlPlane()) {
            JwtVerifier verifier = verifier(cp);
            String token = cp.jwt(CallbackTokenClaims.AUDIENCE_NODE_AGENT, "node-1", Duration.ofMinutes(5), Map.of());

            List<Object> answers = burst(() -> verifier.verify(token, CallbackTokenClaims.AUDIENCE_NODE_AGENT).subject());

            assertEquals(List.of("node-1"), answers.stream().distinct().toList(), "every caller gets the verified subject");
            assertEquals(1, verifier.signatureChecks());
            verifier.verify(token, CallbackTokenClaims.AUDIENCE_NODE_AGENT);
            assertEquals(1, verifier.signatureChecks(), "then answered from the cache");
        }
    }

    /** Refusals are shared by the callers of the same burst, with their reason, and never cached. */
    @Test
    void aRefusalReachesEveryCallerOfTheBurstAndIsCheckedAgainLater() throws Exception {
        try (StubControlPlane cp = new StubControlPlane()) {
            JwtVerifier verifier = verifier(cp);
            String token = cp.jwt(ApiPaths.AUDIENCE_SESSION, "node-1", Duration.ofMinutes(5), Map.of());

            List<Object> answers = burst(() -> {
                try {
                    return verifier.verify(token, CallbackTokenClaims.AUDIENCE_NODE_AGENT).subject();
                } catch (JwtException e) {
                    return e.reason();
                }
            });

            assertEquals(List.of(Reason.WRONG_AUDIENCE), answers.stream().distinct().toList());
            long afterBurst = verifier.signatureChecks();
            assertEquals(true, afterBurst >= 1 && afterBurst < CALLERS, "checked " + afterBurst + " times for " + CALLERS + " callers");
            try {
                verifier.verify(token, CallbackTokenClaims.AUDIENCE_NODE_AGENT);
            } catch (JwtException expected) {
                assertEquals(Reason.WRONG_AUDIENCE, expected.reason());
            }
            assertEquals(afterBurst + 1, verifier.signatureChecks(), "a refused token is checked again");
        }
    }

    private static JwtVerifier verifier(StubControlPlane cp) {
        JwksKeys keys = new JwksKeys(new ControlPlaneClient(cp.url(), Duration.ofSeconds(5)), Clock.systemUTC(), Duration.ofMinutes(10));
        keys.prefetch();
        return new JwtVerifier(keys, Clock.systemUTC());
    }

    /** Runs {@code call} on {@link #CALLERS} threads released at once. */
    private static List<Object> burst(Callable<Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Object> answers = new ArrayList<>();
            for (Future<Object> f : calls) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
