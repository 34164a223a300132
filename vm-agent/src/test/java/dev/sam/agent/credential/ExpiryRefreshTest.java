package dev.sam.agent.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.credential.CredentialCodec;
import dev.sam.contract.credential.CredentialMessage;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real time, scaled down: 60 s tokens, refresh under 40 s, never serve under 20 s. For about a
 * minute, every answer of /git-credential has at least the margin left, and the env file follows
 * each refresh.
 */
class ExpiryRefreshTest {
    @TempDir
    Path temp;

    @Test
    void tokensAreRefreshedBeforeTheMarginAndFilesFollow() throws Exception {
        try (StubControlPlane cp = new StubControlPlane()) {
            cp.tokenLifetime(Duration.ofSeconds(60));
            Map<String, String> settings = TestAgents.fastSettings(cp, TestAgents.dataDir(temp));
            settings.put("sam.agent.refresh-margin", "40s");
            settings.put("sam.agent.serve-margin", "20s");
            try (AgentServices agent = AgentServices.start(TestAgents.config(settings), Clock.systemUTC())) {
                agent.provisioning().accept(TestAgents.request(cp, "ws-exp", "acme/app"));
                TestAgents.awaitState(agent, "ws-exp", WorkspaceStatus.READY);
                String bearer = "Bearer " + Files.readString(agent.layout().root("ws-exp").resolve("etc/sam/workspace-credential"));
                byte[] ask = "protocol=https\nhost=github.com\n\n".getBytes(StandardCharsets.UTF_8);
                Path envFile = agent.layout().root("ws-exp").resolve("etc/sam/env");
                Set<String> served = new LinkedHashSet<>();
                Set<String> inFile = new LinkedHashSet<>();
                Instant end = Instant.now().plusSeconds(65);
                int answers = 0;
                while (Instant.now().isBefore(end)) {
                    CredentialAnswer a = agent.gitCredentials().get(bearer, null, ask);
                    assertEquals(200, a.status(), String.valueOf(a.error()));
                    CredentialMessage m = CredentialCodec.read(a.body());
                    long left = m.passwordExpiryUtc().orElseThrow() - Instant.now().getEpochSecond();
                    assertTrue(left >= 19, "served a token with only " + left + " s left");
                    served.add(m.password().orElseThrow());
                    inFile.add(EnvFile.read(Files.readAllBytes(envFile)).get(EnvNames.GH_TOKEN));
                    answers++;
                    Thread.sleep(100);
                }
                assertTrue(answers > 100);
                assertTrue(served.size() >= 3, "tokens served: " + served.size());
                assertTrue(inFile.containsAll(served), "every served token was in the env file first");
                assertTrue(cp.gitTokenCalls("ws-exp") <= 6, "refreshes are not a tight loop: " + cp.gitTokenCalls("ws-exp"));
            }
        }
    }
}
