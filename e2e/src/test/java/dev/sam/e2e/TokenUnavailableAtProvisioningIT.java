package dev.sam.e2e;

import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.WorkspacePaths;
import dev.sam.e2e.session.AcpSession;
import dev.sam.e2e.session.PtySession;
import dev.sam.e2e.stack.LocalStack;
import dev.sam.e2e.stack.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cause 2 of the original report: GitHub fails every mint while the workspace is provisioned. The
 * workspace still becomes ready (credentials pending, said so, never a silent empty success); once
 * GitHub answers again the agent's background retry rewrites the env file within its bound, and
 * every new terminal and coding agent gets the live token.
 */
@ExtendWith(LocalStackExtension.class)
@StackSettings(agent = {"SAM_AGENT_BACKOFF_INITIAL=500ms", "SAM_AGENT_BACKOFF_MAX=1s", "SAM_AGENT_BACKOFF_TOTAL=5s",
        "SAM_AGENT_REFRESH_CHECK_INTERVAL=2s"})
class TokenUnavailableAtProvisioningIT {
    static final long INSTALLATION = 93_001;
    static final String REPO = "acme/pending";
    /** Refresh check interval (2 s) plus the API's own bounded retries, with room for a loaded machine. */
    static final Duration REFRESH_BOUND = Duration.ofSeconds(60);
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void theTokenArrivesInNewSessionsOnceGitHubAnswers(LocalStack stack) throws Exception {
        stack.serveRepository(REPO, SeedRepository.create(stack.runDir().resolve("seeds"), REPO));
        stack.addInstallation(INSTALLATION, "acme", List.of(REPO));
        stack.failNextMints(1000, 503);
        String id = stack.createWorkspace(REPO, INSTALLATION);
        stack.awaitReady(id, Duration.ofMinutes(3));

        Path envFile = stack.hostPath(id, WorkspacePaths.ENV_FILE);
        assertEquals("", EnvFile.read(Files.readAllBytes(envFile)).getOrDefault(EnvNames.GH_TOKEN, ""),
                "no token could be minted yet, so none is written");
        assertTrue(stack.issuedTokens().isEmpty());

        Instant recovered = Instant.now();
        stack.clearFaults();
        String token = Waits.until("the env file to be rewritten with a token", REFRESH_BOUND, () -> {
            try {
                return Optional.ofNullable(EnvFile.read(Files.readAllBytes(envFile)).get(EnvNames.GH_TOKEN)).filter(t -> !t.isEmpty());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Duration.between(recovered, Instant.now()).compareTo(REFRESH_BOUND) < 0);
        FileChecks.assertPrivateToWorkspaceUser(envFile);
        assertEquals(REPO, GhTokenVisibleInPtyAndAcpIT.issuedFor(stack, token).path("repositories").get(0).asText());
        String hash = Hashes.sha256(token);

        try (PtySession pty = stack.openPty(id)) {
            assertEquals(new PtySession.Typed(0, hash), pty.type("printf %s \"$GH_TOKEN\" | sha256sum | cut -d' ' -f1", WAIT));
        }
        try (AcpSession acp = stack.openAcp(id)) {
            Map<String, String> report = acp.environmentReport();
            assertEquals(hash.substring(0, 12), report.get("gh_token_sha256_12"));
        }
        SecretsHygiene.assertNoLeak(stack, List.of(token), List.of(stack.hostPath(id, WorkspacePaths.SAM_GITCONFIG)));
    }
}
