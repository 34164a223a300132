package dev.sam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.HelperConfigKeys;
import dev.sam.contract.workspace.WorkspacePaths;
import dev.sam.e2e.stack.LocalStack;
import dev.sam.e2e.session.AcpSession;
import dev.sam.e2e.session.PtySession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The happy path a user sees: a workspace created through the API becomes ready; its env files hold
 * the token the emulator issued for exactly that repository, with private modes; a terminal (the
 * agent's PTY endpoint) has it as {@code GH_TOKEN}, {@code gh auth token} agrees, {@code git clone}
 * works through the credential helper, and a coding agent (ACP endpoint) reports the same token;
 * the token never lands in a URL, config, argv or log.
 */
@ExtendWith(LocalStackExtension.class)
@StackSettings(postgresWhenAvailable = true)
class GhTokenVisibleInPtyAndAcpIT {
    static final long INSTALLATION = 91_001;
    static final String REPO = "acme/widgets";
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    static final Duration SHELL_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void workspaceShellSeesTheRepositoryTokenAndGitCloneWorks(LocalStack stack) throws Exception {
        URI cloneUrl = stack.serveRepository(REPO, SeedRepository.create(stack.runDir().resolve("seeds"), REPO));
        stack.addInstallation(INSTALLATION, "acme", List.of(REPO));
        String id = stack.createWorkspace(REPO, INSTALLATION);
        stack.awaitReady(id, READY_TIMEOUT);

        // The env file, read back: the exact values, 0600, owned by the workspace user.
        Path envFile = stack.hostPath(id, WorkspacePaths.ENV_FILE);
        Map<String, String> env = EnvFile.read(Files.readAllBytes(envFile));
        String token = env.get(EnvNames.GH_TOKEN);
        assertTrue(token != null && token.startsWith("ghs_"), "GH_TOKEN in the env file has a token's shape");
        assertEquals(id, env.get(EnvNames.SAM_WORKSPACE_ID));
        assertEquals(REPO, env.get(EnvNames.SAM_REPOSITORY));
        assertEquals(stack.nodeId(), env.get(EnvNames.SAM_NODE_ID));
        FileChecks.assertPrivateToWorkspaceUser(envFile);
        FileChecks.assertPrivateToWorkspaceUser(stack.hostPath(id, WorkspacePaths.WORKSPACE_CREDENTIAL));
        Map<String, String> helperConfig = EnvFile.read(Files.readAllBytes(stack.hostPath(id, WorkspacePaths.HELPER_CONFIG)));
        assertTrue(helperConfig.get(HelperConfigKeys.EXTRA_HOSTS).contains(stack.gitHost()), helperConfig.toString());
        assertFalse(helperConfig.containsValue(token));

        // It is the token the emulator minted for exactly this repository, and it is live.
        JsonNode issued = issuedFor(stack, token);
        assertEquals(List.of(REPO), List.of(issued.path("repositories").get(0).asText()));
        assertEquals(1, issued.path("repositories").size());
        assertTrue(Instant.parse(issued.path("expires_at").asText()).isAfter(Instant.now().plus(Duration.ofMinutes(30))));

        // A terminal on the agent's PTY endpoint: GH_TOKEN, gh (through the shim), git through the helper.
        String expected = Hashes.sha256(token);
        try (PtySession pty = stack.openPty(id)) {
            assertEquals(new PtySession.Typed(0, expected), pty.type("printf %s \"$GH_TOKEN\" | sha256sum | cut -d' ' -f1", SHELL_TIMEOUT));
            assertEquals(new PtySession.Typed(0, expected), pty.type("gh auth token | tr -d '\\n' | sha256sum | cut -d' ' -f1", SHELL_TIMEOUT));
            PtySession.Typed clone = pty.type("git clone -q -c http.sslCAInfo=" + stack.caPem() + " " + cloneUrl
                    + " /workspace/widgets && cat /workspace/widgets/README && git -C /workspace/widgets remote get-url origin", SHELL_TIMEOUT);
            assertEquals(new PtySession.Typed(0, SeedRepository.readme(REPO) + cloneUrl), clone);
        }
        JsonNode lastGit = stack.gitRequests().get(stack.gitRequests().size() - 1);
        assertEquals("ok", lastGit.path("outcome").asText());
        assertEquals(expected.substring(0, 12), lastGit.path("token_sha256_prefix").asText());

        // A coding agent on the ACP endpoint gets the same token, for this workspace.
        try (AcpSession acp = stack.openAcp(id)) {
            Map<String, String> report = acp.environmentReport();
            assertEquals("true", report.get("gh_token_set"));
            assertEquals(expected.substring(0, 12), report.get("gh_token_sha256_12"));
            assertEquals(Integer.toString(token.length()), report.get("gh_token_length"));
            assertEquals(id, report.get("sam_workspace_id"));
        }

        Path cloneConfig = stack.hostPath(id, "/work/widgets/.git/config");
        assertTrue(Files.readString(cloneConfig).contains("url = " + cloneUrl), "the remote URL carries no credential");
        SecretsHygiene.assertNoLeak(stack, List.of(token),
                List.of(cloneConfig, stack.hostPath(id, WorkspacePaths.SAM_GITCONFIG)));
    }

    static JsonNode issuedFor(LocalStack stack, String token) {
        String hash = Hashes.sha256(token);
        return stack.issuedTokens().stream().filter(t -> t.path("sha256").asText().equals(hash)).findFirst()
                .orElseThrow(() -> new AssertionError("the emulator never issued the workspace's token"));
    }
}
