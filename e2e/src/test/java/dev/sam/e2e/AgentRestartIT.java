package dev.sam.e2e;

import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.WorkspacePaths;
import dev.sam.e2e.session.PtySession;
import dev.sam.e2e.stack.LocalStack;
import dev.sam.e2e.stack.WorkspaceShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * F-06: the VM agent restarts after provisioning. Its state is restored (the workspace's files and
 * token are still served), git in a terminal opened before the restart keeps working (the helper
 * finds the agent again with nothing changed inside the workspace), and a new terminal works too.
 * The "old terminal" is a login shell in the workspace's sandbox that is not a child of the agent
 * (as an editor's or SSH terminal would be): the agent's own PTY sessions end with the agent.
 */
@ExtendWith(LocalStackExtension.class)
class AgentRestartIT {
    static final long INSTALLATION = 94_001;
    static final String REPO = "acme/restart";
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void gitWorksInAnOldAndANewTerminalAfterTheAgentRestarts(LocalStack stack) throws Exception {
        URI url = stack.serveRepository(REPO, SeedRepository.create(stack.runDir().resolve("seeds"), REPO));
        stack.addInstallation(INSTALLATION, "acme", List.of(REPO));
        String id = stack.createWorkspace(REPO, INSTALLATION);
        stack.awaitReady(id, Duration.ofMinutes(3));
        String token = EnvFile.read(Files.readAllBytes(stack.hostPath(id, WorkspacePaths.ENV_FILE))).get(EnvNames.GH_TOKEN);
        String hash = Hashes.sha256(token);

        try (WorkspaceShell old = WorkspaceShell.open(stack, id)) {
            old.send("git clone -q -c http.sslCAInfo=" + stack.caPem() + " " + url + " /workspace/repo", WAIT).requireSuccess("clone");

            stack.restartAgent();

            WorkspaceShell.Result fetch = old.send("git -C /workspace/repo fetch -q origin && git -C /workspace/repo ls-remote origin | wc -l", WAIT);
            assertEquals(new WorkspaceShell.Result(0, "2\n", ""), fetch, "git in the old terminal after the restart");
        }
        try (PtySession fresh = stack.openPty(id)) {
            assertEquals(new PtySession.Typed(0, hash), fresh.type("printf %s \"$GH_TOKEN\" | sha256sum | cut -d' ' -f1", WAIT));
            assertEquals(new PtySession.Typed(0, "2"), fresh.type("git -c http.sslCAInfo=" + stack.caPem() + " ls-remote " + url + " | wc -l | tr -d ' '", WAIT));
        }
        assertEquals(token, EnvFile.read(Files.readAllBytes(stack.hostPath(id, WorkspacePaths.ENV_FILE))).get(EnvNames.GH_TOKEN),
                "the restored agent keeps serving the workspace's still-valid token");
        SecretsHygiene.assertNoLeak(stack, List.of(token),
                List.of(stack.hostPath(id, WorkspacePaths.SAM_GITCONFIG), stack.hostPath(id, "/work/repo/.git/config")));
    }
}
