package dev.sam.bootstrap.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.Workspaces;
import dev.sam.bootstrap.fs.PlanApplier;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stub in {@code /etc/profile.d} and the hooks only source {@code /etc/sam/profile.sh}: while
 * that file is missing (a runtime between writes) or unreadable (a user outside the workspace
 * group), every shell starts silently, with status 0 even under {@code set -eu}, and without a token.
 */
class ProfileStubTest {
    private static final String TOKEN = "ghs_stubTestToken";
    private static final String PRINT = "printf '%s' \"$GH_TOKEN\" > gh";

    @TempDir
    Path tmp;
    Path root;
    WorkspaceShell shell;

    @BeforeEach
    void apply() throws Exception {
        root = Files.createDirectory(tmp.resolve("root"));
        PlanApplier.forCurrentUser().apply(root, BootstrapRenderer.render(Workspaces.withValue(TOKEN, 0, WorkspaceShell.USER)));
        shell = new WorkspaceShell(root, WorkspaceShell.openDir(tmp.resolve("scratch")));
    }

    @Test
    void stubReachesTheLiveScript() throws Exception {
        assertStartsWithToken(TOKEN);
    }

    @Test
    void missingLiveScriptIsSilentAndHarmless() throws Exception {
        Files.delete(root.resolve(WorkspacePaths.PROFILE_SCRIPT.substring(1)));
        assertStartsWithToken("");
    }

    @Test
    void unreadableLiveScriptIsSilentAndHarmless() throws Exception {
        // Owner and group other than the shell's user: the 0640 script is out of its reach, as for `sudo -u other`.
        Path live = root.resolve(WorkspacePaths.PROFILE_SCRIPT.substring(1));
        Files.setAttribute(live, "unix:gid", 0);
        assertStartsWithToken("");
    }

    private void assertStartsWithToken(String expected) throws Exception {
        for (ShellKind kind : ShellKind.values()) {
            WorkspaceShell.Result r = shell.run(kind.command(PRINT));
            assertEquals(0, r.exit(), kind + " exit; stderr: " + r.stderrText());
            assertEquals(expected, Files.readString(shell.cwd().resolve("gh")), kind.name());
            assertEquals("", r.stdoutText(), kind + " stdout");
            if (kind.silentByItself()) {
                assertEquals("", r.stderrText(), kind + " stderr");
            }
        }
        WorkspaceShell.Result r = shell.run(List.of("/usr/bin/dash", "-c", "set -eu; . " + WorkspacePaths.PROFILE_STUB
                + "; printf '%s' \"${GH_TOKEN-}\" > gh"));
        assertEquals(0, r.exit(), "set -eu: " + r.stderrText());
        assertEquals(expected, Files.readString(shell.cwd().resolve("gh")), "set -eu");
        assertEquals("", r.stdoutText() + r.stderrText(), "set -eu output");
    }
}
