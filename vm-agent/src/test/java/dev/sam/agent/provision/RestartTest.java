package dev.sam.agent.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.agent.credential.CredentialAnswer;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.credential.CredentialCodec;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop the agent, start a new one over the same data directory: state restored, tokens fetched again, workspaces untouched. */
class RestartTest {
    @TempDir
    Path temp;

    @Test
    void stateSurvivesARestartAndHelpersWorkWithoutChangesInside() throws Exception {
        try (StubControlPlane cp = new StubControlPlane()) {
            Map<String, String> settings = TestAgents.fastSettings(cp, TestAgents.dataDir(temp));
            byte[] helperConfig;
            byte[] credential;
            try (AgentServices first = AgentServices.start(TestAgents.config(settings), Clock.systemUTC())) {
                first.provisioning().accept(TestAgents.request(cp, "ws-r", "acme/app"));
                TestAgents.awaitState(first, "ws-r", WorkspaceStatus.READY);
                helperConfig = Files.readAllBytes(first.layout().root("ws-r").resolve("etc/sam/git-credential-sam.conf"));
                credential = Files.readAllBytes(first.layout().root("ws-r").resolve("etc/sam/workspace-credential"));
            }
            assertEquals(1, cp.gitTokenCalls("ws-r"));

            try (AgentServices second = AgentServices.start(TestAgents.config(settings), Clock.systemUTC())) {
                assertEquals(WorkspaceStatus.READY, second.provisioning().status("ws-r").orElseThrow().state());
                TestAgents.await("credentials live again", Duration.ofSeconds(10),
                        () -> WorkspaceStatus.CREDENTIALS_LIVE.equals(second.provisioning().status("ws-r").orElseThrow().credentials()));
                assertEquals(2, cp.gitTokenCalls("ws-r"), "tokens are not persisted; fetched again once");
                Path root = second.layout().root("ws-r");
                assertArrayEquals(helperConfig, Files.readAllBytes(root.resolve("etc/sam/git-credential-sam.conf")));
                assertArrayEquals(credential, Files.readAllBytes(root.resolve("etc/sam/workspace-credential")));
                assertEquals(cp.tokensIssued("ws-r").get(1), EnvFile.read(Files.readAllBytes(root.resolve("etc/sam/env"))).get(EnvNames.GH_TOKEN));

                CredentialAnswer a = second.gitCredentials().get("Bearer " + new String(credential, StandardCharsets.UTF_8), null,
                        "protocol=https\nhost=github.com\n\n".getBytes(StandardCharsets.UTF_8));
                assertEquals(200, a.status());
                assertEquals(cp.tokensIssued("ws-r").get(1), CredentialCodec.read(a.body()).password().orElseThrow());
                var r = TestAgents.run(second, "ws-r", List.of("cat", "/etc/sam/git-credential-sam.conf"), Map.of());
                assertArrayEquals(helperConfig, r.stdout().getBytes(StandardCharsets.UTF_8));
                assertFalse(Files.readString(second.layout().stateFile("ws-r")).contains(cp.tokensIssued("ws-r").get(1)));
            }
        }
    }
}
