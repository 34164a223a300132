package dev.sam.agent.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.StubControlPlane;
import dev.sam.agent.controlplane.ControlPlaneClient;
import dev.sam.agent.controlplane.JwksKeys;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The start-up warm-up runs every step of the provisioning path it stands for, without network beyond the keys already fetched. */
class ProvisioningWarmupTest {
    @Test
    void everyStepRunsInMemoryWithTheFetchedKey() throws Exception {
        try (StubControlPlane cp = new StubControlPlane()) {
            JwksKeys keys = new JwksKeys(new ControlPlaneClient(cp.url(), Duration.ofSeconds(5)), Clock.systemUTC(), Duration.ofMinutes(5));
            keys.prefetch();
            assertTrue(keys.anyFetchedKey().isPresent(), "the stub's key was fetched");
            int requestsBefore = cp.jwksFetches();

            assertTrue(ProvisioningWarmup.run(keys, "http://127.0.0.1:1", 1000, 1000),
                    "the sample request parses and the plan renders (a false here means the warm-up silently does nothing)");
            assertEquals(requestsBefore, cp.jwksFetches(), "no network");
        }
    }

    @Test
    void withoutKeysItStillWarmsTheRest() {
        JwksKeys none = new JwksKeys(new ControlPlaneClient("http://127.0.0.1:1", Duration.ofMillis(200)), Clock.systemUTC(),
                Duration.ofMinutes(5));
        assertTrue(ProvisioningWarmup.run(none, "http://127.0.0.1:1", 1000, 1000));
    }
}
