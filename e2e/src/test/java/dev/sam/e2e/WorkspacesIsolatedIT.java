package dev.sam.e2e;

import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.WorkspacePaths;
import dev.sam.e2e.session.AcpSession;
import dev.sam.e2e.session.PtySession;
import dev.sam.e2e.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two workspaces on one node, different repositories (cause 3 of the original report: a fetcher
 * bound to the node instead of the workspace): each terminal and coding agent sees only its own
 * workspace's token; from A, cloning B's repository fails at GitHub, and nothing A can ask its
 * helper or the agent yields B's token; B's files are not even visible from A.
 */
@ExtendWith(LocalStackExtension.class)
class WorkspacesIsolatedIT {
    static final long INSTALLATION = 92_001;
    static final String REPO_A = "acme/alpha";
    static final String REPO_B = "acme/beta";
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void eachWorkspaceSeesOnlyItsOwnToken(LocalStack stack) throws Exception {
        URI urlA = stack.serveRepository(REPO_A, SeedRepository.create(stack.runDir().resolve("seeds"), REPO_A));
        URI urlB = stack.serveRepository(REPO_B, SeedRepository.create(stack.runDir().resolve("seeds"), REPO_B));
        stack.addInstallation(INSTALLATION, "acme", List.of(REPO_A, REPO_B));
        String a = stack.createWorkspace(REPO_A, INSTALLATION);
        String b = stack.createWorkspace(REPO_B, INSTALLATION);
        stack.awaitReady(a, Duration.ofMinutes(3));
        stack.awaitReady(b, Duration.ofMinutes(3));
        String tokenA = EnvFile.read(Files.readAllBytes(stack.hostPath(a, WorkspacePaths.ENV_FILE))).get(EnvNames.GH_TOKEN);
        String tokenB = EnvFile.read(Files.readAllBytes(stack.hostPath(b, WorkspacePaths.ENV_FILE))).get(EnvNames.GH_TOKEN);
        assertNotEquals(tokenA, tokenB);
        assertEquals(REPO_A, GhTokenVisibleInPtyAndAcpIT.issuedFor(stack, tokenA).path("repositories").get(0).asText());
        assertEquals(REPO_B, GhTokenVisibleInPtyAndAcpIT.issuedFor(stack, tokenB).path("repositories").get(0).asText());
        String hashA = Hashes.sha256(tokenA);
        String hashB = Hashes.sha256(tokenB);

        try (PtySession ptyA = stack.openPty(a); PtySession ptyB = stack.openPty(b)) {
            assertEquals(new PtySession.Typed(0, hashA), ptyA.type("printf %s \"$GH_TOKEN\" | sha256sum | cut -d' ' -f1", WAIT));
            assertEquals(new PtySession.Typed(0, hashB), ptyB.type("printf %s \"$GH_TOKEN\" | sha256sum | cut -d' ' -f1", WAIT));

            // A cannot clone B's repository: its helper answers with A's token, which GitHub refuses for B.
            PtySession.Typed clone = ptyA.type("git clone -q -c http.sslCAInfo=" + stack.caPem() + " " + urlB + " /workspace/beta 2>&1", WAIT);
            assertEquals(128, clone.exitCode(), clone.output());
            assertTrue(clone.output().contains("Repository not found"), clone.output());
            var last = stack.gitRequests().get(stack.gitRequests().size() - 1);
            assertEquals("not_covered", last.path("outcome").asText());
            assertEquals(hashA.substring(0, 12), last.path("token_sha256_prefix").asText());

            // Whatever A asks its helper (B's repository path, github.com), the answer is never B's token.
            String fill = "printf 'protocol=https\\nhost=%s\\npath=%s\\n\\n' " + stack.gitHost() + " " + REPO_B + ".git"
                    + " | git credential fill 2>/dev/null | sed -n 's/^password=//p' | tr -d '\\n' | sha256sum | cut -d' ' -f1";
            PtySession.Typed asked = ptyA.type(fill, WAIT);
            assertNotEquals(hashB, asked.output());
            assertEquals(hashA, asked.output(), "A's helper answers with A's own token");
            PtySession.Typed github = ptyA.type("printf 'protocol=https\\nhost=github.com\\n\\n' | git credential fill 2>/dev/null"
                    + " | sed -n 's/^password=//p' | tr -d '\\n' | sha256sum | cut -d' ' -f1", WAIT);
            assertEquals(hashA, github.output());

            // B's files are not in A's view at all: the agent's data directory is hidden in every sandbox.
            PtySession.Typed peek = ptyA.type("ls -A " + stack.agentDataDir() + " 2>/dev/null | wc -l; cat "
                    + stack.hostPath(b, WorkspacePaths.ENV_FILE) + " 2>/dev/null | wc -c", WAIT);
            assertEquals("0\n0", peek.output().replace(" ", ""));

            // Nor what the run keeps beside the agent (another stack on the same host looks the same
            // from a sandbox): the API's keys and database, the emulator's key store, the node token.
            String run = stack.runDir().toString();
            PtySession.Typed beside = ptyA.type("for d in api emulator agent agent/secrets; do ls " + run + "/$d >/dev/null 2>&1"
                    + " && echo \"$d listable\"; done; cat " + run + "/emulator/tls/server.p12 " + run + "/agent/secrets/node-token"
                    + " 2>/dev/null | wc -c", WAIT);
            assertEquals("0", beside.output().strip(), "the run's private parts from inside a workspace: " + beside.output());
        }
        try (AcpSession acpA = stack.openAcp(a); AcpSession acpB = stack.openAcp(b)) {
            var reportA = acpA.environmentReport();
            var reportB = acpB.environmentReport();
            assertEquals(hashA.substring(0, 12), reportA.get("gh_token_sha256_12"));
            assertEquals(a, reportA.get("sam_workspace_id"));
            assertEquals(hashB.substring(0, 12), reportB.get("gh_token_sha256_12"));
            assertEquals(b, reportB.get("sam_workspace_id"));
        }
        SecretsHygiene.assertNoLeak(stack, List.of(tokenA, tokenB),
                List.of(stack.hostPath(a, WorkspacePaths.SAM_GITCONFIG), stack.hostPath(b, WorkspacePaths.SAM_GITCONFIG)));
    }
}
