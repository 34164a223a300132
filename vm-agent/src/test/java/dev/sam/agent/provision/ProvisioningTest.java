package dev.sam.agent.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.agent.workspace.WorkspaceCredential;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.error.Reason;
import dev.sam.contract.workspace.HelperConfigKeys;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisioning end to end inside one agent: real files, real bubblewrap, a stub control plane. */
class ProvisioningTest {
    @TempDir
    Path temp;
    StubControlPlane cp;
    AgentServices agent;
    Path data;

    @BeforeEach
    void start() throws Exception {
        cp = new StubControlPlane();
        data = TestAgents.dataDir(temp);
        agent = AgentServices.start(TestAgents.config(TestAgents.fastSettings(cp, data)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        agent.close();
        cp.close();
    }

    @Test
    void happyPathWritesEveryFileExactlyAndReportsReady() throws Exception {
        agent.provisioning().accept(TestAgents.request(cp, "ws-happy", "acme/app"));
        WorkspaceStatus s = TestAgents.awaitState(agent, "ws-happy", WorkspaceStatus.READY);
        assertEquals(WorkspaceStatus.CREDENTIALS_LIVE, s.credentials());
        String token = cp.tokensIssued("ws-happy").get(0);
        assertEquals(agent.tokens().cached("ws-happy").orElseThrow().expiresAt().toString(), s.tokenExpiresAt());

        Path root = agent.layout().root("ws-happy");
        Map<String, String> env = EnvFile.read(Files.readAllBytes(root.resolve("etc/sam/env")));
        assertEquals(token, env.get(EnvNames.GH_TOKEN));
        assertEquals("acme/app", env.get(EnvNames.SAM_REPOSITORY));
        assertEquals("ws-happy", env.get(EnvNames.SAM_WORKSPACE_ID));
        assertEquals(0640, mode(root.resolve("etc/sam/env")));
        assertEquals(0640, mode(root.resolve("etc/sam/profile.sh")));
        Path node = agent.layout().nodeRoot(); // the fixed stubs and launchers, once per node
        assertEquals(0644, mode(node.resolve("etc/profile.d/sam-env.sh")));
        assertEquals(0, (int) Files.getAttribute(node.resolve("etc/profile.d/sam-env.sh"), "unix:uid"));
        assertFalse(Files.exists(root.resolve("etc/profile.d")), "a workspace's root holds only its own files");
        assertFalse(Files.exists(root.resolve("usr")), "a workspace's root holds only its own files");
        assertEquals(0, (int) Files.getAttribute(root.resolve("etc/sam/env"), "unix:uid"));
        assertEquals(1000, (int) Files.getAttribute(root.resolve("etc/sam/env"), "unix:gid"));
        assertEquals(1000, (int) Files.getAttribute(root.resolve("etc/sam/workspace-credential"), "unix:uid"));
        assertEquals(0600, mode(root.resolve("etc/sam/workspace-credential")));
        assertEquals(0755, mode(node.resolve("usr/local/bin/git-credential-sam")));
        assertEquals(0644, mode(root.resolve("etc/sam/git-credential-sam.conf")));

        String credential = Files.readString(root.resolve("etc/sam/workspace-credential"));
        assertEquals(agent.store().get("ws-happy").orElseThrow().credentialSha256(), WorkspaceCredential.sha256(credential));
        assertEquals(44 + WorkspaceCredential.PREFIX.length() - 1, credential.length()); // 32 bytes, base64url without padding
        Map<String, String> helper = EnvFile.read(Files.readAllBytes(root.resolve("etc/sam/git-credential-sam.conf")));
        assertEquals(WorkspacePaths.WORKSPACE_CREDENTIAL, helper.get(HelperConfigKeys.CREDENTIAL_FILE));
        assertFalse(new String(Files.readAllBytes(root.resolve("etc/sam/git-credential-sam.conf")), StandardCharsets.UTF_8).contains(credential));

        // The state file never holds the credential or the git token, and is private.
        String state = Files.readString(agent.layout().stateFile("ws-happy"));
        assertFalse(state.contains(credential));
        assertFalse(state.contains(token));
        assertEquals(0600, mode(agent.layout().stateFile("ws-happy")));

        // Inside the sandbox the workspace user reads its own env file and credential.
        var r = TestAgents.run(agent, "ws-happy", List.of("sh", "-c",
                "id -u; stat -c '%u %g %a' /etc/sam/env /etc/sam/workspace-credential; cat /etc/sam/env; cat /etc/sam/workspace-credential"), Map.of());
        assertEquals(0, r.exit(), r.stderr());
        // Host root is unmapped in the sandbox (nobody); the group is the workspace user's, so 0640 reads.
        String expected = "1000\n65534 1000 640\n1000 1000 600\n" + new String(Files.readAllBytes(root.resolve("etc/sam/env")), StandardCharsets.UTF_8) + credential;
        assertEquals(expected, r.stdout());

        TestAgents.await("ready report", Duration.ofSeconds(10),
                () -> cp.reports("ws-happy").stream().anyMatch(x -> x.startsWith("ready ") && x.contains("\"credentials\":\"live\"")));
    }

    @Test
    void repeatedRequestIsHarmless() throws Exception {
        agent.provisioning().accept(TestAgents.request(cp, "ws-twice", "acme/app"));
        TestAgents.awaitState(agent, "ws-twice", WorkspaceStatus.READY);
        byte[] credential = Files.readAllBytes(agent.layout().root("ws-twice").resolve("etc/sam/workspace-credential"));
        WorkspaceStatus again = agent.provisioning().accept(TestAgents.request(cp, "ws-twice", "acme/app"));
        assertEquals(WorkspaceStatus.READY, again.state());
        assertArrayEquals(credential, Files.readAllBytes(agent.layout().root("ws-twice").resolve("etc/sam/workspace-credential")));
        assertEquals(1, cp.gitTokenCalls("ws-twice"));
    }

    /** The same id asking for another repository, branch or env is refused, and the workspace stays as it was. */
    @Test
    void aRequestForAnExistingIdWithOtherContentIsAConflict() throws Exception {
        agent.provisioning().accept(TestAgents.request(cp, "ws-taken", "acme/app"));
        TestAgents.awaitState(agent, "ws-taken", WorkspaceStatus.READY);
        byte[] env = Files.readAllBytes(agent.layout().root("ws-taken").resolve("etc/sam/env"));
        String callback = cp.callbackToken("ws-taken");
        for (ProvisionRequest other : List.of(
                new ProvisionRequest("ws-taken", "other/lib", "main", callback, Map.of()),
                new ProvisionRequest("ws-taken", "acme/app", "dev", callback, Map.of()),
                new ProvisionRequest("ws-taken", "acme/app", "main", callback, Map.of("EXTRA", "1")))) {
            WorkspaceConflictException e = assertThrows(WorkspaceConflictException.class, () -> agent.provisioning().accept(other));
            assertTrue(e.getMessage().contains("ws-taken"), e.getMessage());
        }
        assertEquals("acme/app", agent.store().get("ws-taken").orElseThrow().repository());
        assertArrayEquals(env, Files.readAllBytes(agent.layout().root("ws-taken").resolve("etc/sam/env")));
        assertEquals(1, cp.gitTokenCalls("ws-taken"));
    }

    @Test
    void controlPlaneFailingThenRecoveringEndsLiveWithFilesRewritten() throws Exception {
        cp.failTimes("ws-flaky", 3);
        agent.provisioning().accept(TestAgents.request(cp, "ws-flaky", "acme/app"));
        WorkspaceStatus s = TestAgents.awaitState(agent, "ws-flaky", WorkspaceStatus.READY);
        assertEquals(WorkspaceStatus.CREDENTIALS_LIVE, s.credentials());
        assertEquals(4, cp.gitTokenCalls("ws-flaky"));
        assertEquals(cp.tokensIssued("ws-flaky").get(0),
                EnvFile.read(Files.readAllBytes(agent.layout().root("ws-flaky").resolve("etc/sam/env"))).get(EnvNames.GH_TOKEN));
    }

    @Test
    void tokenUnavailableBeyondTheBudgetGoesReadyPendingThenLiveInTheBackground() throws Exception {
        cp.failTimes("ws-late", 1_000_000);
        agent.provisioning().accept(TestAgents.request(cp, "ws-late", "acme/app"));
        WorkspaceStatus s = TestAgents.awaitState(agent, "ws-late", WorkspaceStatus.READY);
        assertEquals(WorkspaceStatus.CREDENTIALS_PENDING, s.credentials());
        assertEquals(Reason.GITHUB_UNAVAILABLE.code(), s.reason());
        Path envFile = agent.layout().root("ws-late").resolve("etc/sam/env");
        // No token yet: bootstrap leaves GH_TOKEN out (never a stale or fake value); the state says why.
        assertNull(EnvFile.read(Files.readAllBytes(envFile)).get(EnvNames.GH_TOKEN));
        // Pending is reported, not silent.
        TestAgents.await("pending report", Duration.ofSeconds(10),
                () -> cp.reports("ws-late").stream().anyMatch(x -> x.contains("\"credentials\":\"pending\"")));

        cp.failTimes("ws-late", 0);
        TestAgents.await("credentials live", Duration.ofSeconds(20),
                () -> WorkspaceStatus.CREDENTIALS_LIVE.equals(agent.provisioning().status("ws-late").orElseThrow().credentials()));
        assertEquals(cp.tokensIssued("ws-late").get(0), EnvFile.read(Files.readAllBytes(envFile)).get(EnvNames.GH_TOKEN));
        assertNull(agent.provisioning().status("ws-late").orElseThrow().reason());
    }

    @Test
    void suspendedInstallationFailsWithItsReasonAndIsNotRetried() throws Exception {
        cp.refuse("ws-susp", Reason.INSTALLATION_SUSPENDED);
        agent.provisioning().accept(TestAgents.request(cp, "ws-susp", "acme/app"));
        WorkspaceStatus s = TestAgents.awaitState(agent, "ws-susp", WorkspaceStatus.FAILED);
        assertEquals(WorkspaceStatus.CREDENTIALS_FAILED, s.credentials());
        assertEquals(Reason.INSTALLATION_SUSPENDED.code(), s.reason());
        TestAgents.await("failure report", Duration.ofSeconds(10),
                () -> cp.reports("ws-susp").stream().anyMatch(x -> x.startsWith("provisioning-failed ") && x.contains("installation_suspended")));
        // Background passes (every 200 ms) must not retry a permanent reason.
        Thread.sleep(1000);
        assertEquals(1, cp.gitTokenCalls("ws-susp"));
    }

    @Test
    void workspaceDirectoriesThatCannotBeMadeFailWithoutALiveToken() throws Exception {
        // A file where the workspace's directory belongs: creating its root fails.
        Files.createDirectories(data.resolve("workspaces"));
        Files.writeString(data.resolve("workspaces/ws-nodir"), "in the way");
        assertFailsWithoutFiles("ws-nodir");
    }

    @Test
    void filesThatCannotBeWrittenFailWithoutALiveToken() throws Exception {
        // A non-empty directory where the env file goes: the rename over it fails after the token came.
        Files.createDirectories(data.resolve("workspaces/ws-nofile/root/etc/sam/env/blocker"));
        assertFailsWithoutFiles("ws-nofile");
    }

    private void assertFailsWithoutFiles(String id) throws Exception {
        agent.provisioning().accept(TestAgents.request(cp, id, "acme/app"));
        WorkspaceStatus s = TestAgents.awaitState(agent, id, WorkspaceStatus.FAILED);
        assertEquals(Reason.PROVISIONING_FAILED.code(), s.reason());
        assertEquals(WorkspaceStatus.CREDENTIALS_FAILED, s.credentials(), "no file carries the token: it is not live");
        assertNull(s.tokenExpiresAt());
        assertTrue(agent.tokens().cached(id).isEmpty(), "the fetched token is not kept");
        TestAgents.await("failure report", Duration.ofSeconds(10),
                () -> cp.reports(id).stream().anyMatch(x -> x.startsWith("provisioning-failed ") && x.contains("provisioning_failed")));
        int calls = cp.gitTokenCalls(id);
        Thread.sleep(1000);
        assertEquals(calls, cp.gitTokenCalls(id), "a failed workspace's token is not refreshed in the background");
    }

    @Test
    void twoWorkspacesSeeOnlyTheirOwnFilesAndNotTheAgentsDataDirectory() throws Exception {
        agent.provisioning().accept(TestAgents.request(cp, "ws-a", "acme/alpha"));
        agent.provisioning().accept(TestAgents.request(cp, "ws-b", "acme/beta"));
        TestAgents.awaitState(agent, "ws-a", WorkspaceStatus.READY);
        TestAgents.awaitState(agent, "ws-b", WorkspaceStatus.READY);
        var a = TestAgents.run(agent, "ws-a", List.of("cat", "/etc/sam/env"), Map.of());
        var b = TestAgents.run(agent, "ws-b", List.of("cat", "/etc/sam/env"), Map.of());
        assertTrue(a.stdout().contains("SAM_REPOSITORY=acme/alpha\n") && a.stdout().contains(cp.tokensIssued("ws-a").get(0)), a.stdout());
        assertTrue(b.stdout().contains("SAM_REPOSITORY=acme/beta\n") && b.stdout().contains(cp.tokensIssued("ws-b").get(0)), b.stdout());
        assertFalse(a.stdout().contains(cp.tokensIssued("ws-b").get(0)));
        assertNotEquals(a.stdout(), b.stdout());
        // B's root on the host is not reachable from A's sandbox.
        Path bCredential = agent.layout().root("ws-b").resolve("etc/sam/workspace-credential");
        var peek = TestAgents.run(agent, "ws-a", List.of("sh", "-c", "cat " + bCredential + "; ls " + data.resolve("workspaces")), Map.of());
        assertNotEquals(0, peek.exit());
        assertEquals("", peek.stdout());
        assertTrue(peek.stderr().contains("No such file or directory"), peek.stderr());
    }

    private static int mode(Path p) throws Exception {
        return dev.sam.agent.workspace.AtomicFiles.mode(p);
    }
}
