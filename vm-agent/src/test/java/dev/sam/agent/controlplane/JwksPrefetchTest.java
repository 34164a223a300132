package dev.sam.agent.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.contract.api.CallbackTokenClaims;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWKS is fetched when the agent starts, so the first burst of provisioning requests does not queue behind it. */
class JwksPrefetchTest {
    @TempDir
    Path temp;

    @Test
    void keysAreFetchedAtStartAndServeTheFirstRequestWithoutAnotherFetch() throws Exception {
        try (StubControlPlane cp = new StubControlPlane();
                AgentServices agent = TestAgents.start(cp, temp)) {
            TestAgents.await("the JWKS fetched without any request", Duration.ofSeconds(10), () -> cp.jwksFetches() == 1);
            VerifiedJwt jwt = agent.jwtVerifier().verify(cp.nodeAgentToken("node-a"), CallbackTokenClaims.AUDIENCE_NODE_AGENT);
            assertEquals("node-a", jwt.subject());
            assertEquals(1, cp.jwksFetches(), "the first request used the prefetched keys");
        }
    }
}
