package dev.sam.bootstrap.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.Workspaces;
import dev.sam.bootstrap.fs.PlanApplier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With no token in the file, the profile script asks {@code git credential fill}: a stand-in git
 * first on PATH plays the helper. Both ways of bounding time are exercised: coreutils' timeout,
 * and the watchdog used when no timeout exists (PATH without it).
 */
class FallbackTokenTest {
    static final String HELPER_TOKEN = "ghs_fromhelper_0123456789";
    private static final String PRINT = "printf '%s' \"${GH_TOKEN-}\" > gh";
    /** Answers only when called as git does for the profile script, with every prompt disabled. */
    private static final String ANSWERING_GIT = "#!/bin/sh\n"
            + "[ \"$1 $2\" = \"credential fill\" ] || exit 2\n"
            + "[ \"$GIT_TERMINAL_PROMPT\" = 0 ] && [ -z \"$GIT_ASKPASS\" ] && [ -z \"$SSH_ASKPASS\" ] || exit 3\n"
            + "cat > \"$PWD/request\"\n"
            + "echo 'noise from git on stderr' >&2\n"
            + "printf 'protocol=https\\nhost=github.com\\nusername=x-access-token\\npassword=" + HELPER_TOKEN + "\\n'\n";
    /** Accepts the request and never answers, like a helper whose agent hangs. */
    private static final String HANGING_GIT = "#!/bin/sh\necho started > \"$PWD/started\"\nexec sleep 60\n";

    /** How the shell under test is started, and whether coreutils' timeout is on its PATH. */
    enum Variant {
        DASH_WITH_TIMEOUT(ShellKind.DASH_SOURCING, true),
        DASH_WITHOUT_TIMEOUT(ShellKind.DASH_SOURCING, false),
        BASH_LOGIN_WITH_TIMEOUT(ShellKind.BASH_LOGIN, true),
        ZSH_WITHOUT_TIMEOUT(ShellKind.ZSH_SCRIPT, false),
        ZSH_WITH_TIMEOUT(ShellKind.ZSH_SCRIPT, true);

        final ShellKind shell;
        final boolean timeout;

        Variant(ShellKind shell, boolean timeout) {
            this.shell = shell;
            this.timeout = timeout;
        }
    }

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void applyPlanWithoutToken() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        PlanApplier.forCurrentUser().apply(root, BootstrapRenderer.render(Workspaces.withoutToken(0, WorkspaceShell.USER)));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void answerFromTheHelperBecomesGhTokenSilently(Variant v) throws Exception {
        WorkspaceShell shell = shellWithGit(ANSWERING_GIT, v.timeout);
        WorkspaceShell.Result r = shell.run(v.shell.command(PRINT));
        assertEquals(0, r.exit(), r.stderrText());
        assertEquals(HELPER_TOKEN, Files.readString(shell.cwd().resolve("gh")));
        assertEquals("protocol=https\nhost=github.com\n\n", Files.readString(shell.cwd().resolve("request")));
        assertEquals("", r.stdoutText());
        assertEquals("", r.stderrText());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void hangingHelperIsCutOffAtTheBoundSilently(Variant v) throws Exception {
        WorkspaceShell shell = shellWithGit(HANGING_GIT, v.timeout);
        WorkspaceShell.Result r = shell.run(v.shell.command(PRINT));
        assertEquals(0, r.exit(), r.stderrText());
        assertTrue(Files.exists(shell.cwd().resolve("started")), "the stand-in git was asked");
        assertTrue(r.elapsed().compareTo(Duration.ofSeconds(6)) < 0, "shell start took " + r.elapsed());
        assertEquals("", Files.readString(shell.cwd().resolve("gh")));
        assertEquals("", r.stdoutText());
        assertEquals("", r.stderrText());
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"DASH_WITH_TIMEOUT", "DASH_WITHOUT_TIMEOUT"})
    void sourcingTwiceWithTheFallbackIsHarmlessAndSilent(Variant v) throws Exception {
        WorkspaceShell shell = shellWithGit(ANSWERING_GIT, v.timeout);
        WorkspaceShell.Result r = shell.run(List.of("/usr/bin/dash", "-c",
                ". /etc/profile.d/sam-env.sh; . /etc/profile.d/sam-env.sh; " + PRINT));
        assertEquals(0, r.exit());
        assertEquals(HELPER_TOKEN, Files.readString(shell.cwd().resolve("gh")));
        assertEquals("", r.stdoutText() + r.stderrText());
    }

    /** A user's {@code set -eu} must not turn the failed or killed helper call into an aborted login. */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"DASH_WITH_TIMEOUT", "DASH_WITHOUT_TIMEOUT"})
    void hangingHelperUnderSetEuNeitherAbortsNorPrints(Variant v) throws Exception {
        WorkspaceShell shell = shellWithGit(HANGING_GIT, v.timeout);
        WorkspaceShell.Result r = shell.run(List.of("/usr/bin/dash", "-c",
                "set -eu; . /etc/profile.d/sam-env.sh; " + PRINT));
        assertEquals(0, r.exit());
        assertEquals("", Files.readString(shell.cwd().resolve("gh")));
        assertEquals("", r.stdoutText() + r.stderrText());
    }

    private WorkspaceShell shellWithGit(String script, boolean withTimeout) throws IOException {
        Path bin = WorkspaceShell.openDir(tmp.resolve("bin"));
        Path git = bin.resolve("git");
        Files.writeString(git, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
        WorkspaceShell shell = new WorkspaceShell(root, WorkspaceShell.openDir(tmp.resolve("scratch")));
        if (withTimeout) {
            return shell.withLocalBin(bin, "/usr/local/bin:/usr/bin:/bin");
        }
        for (String tool : List.of("mktemp", "rm", "sleep", "cat")) {
            Files.copy(Path.of("/usr/bin", tool), bin.resolve(tool));
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertFalse(Files.exists(bin.resolve("timeout")));
        return shell.withLocalBin(bin, "/usr/local/bin");
    }
}
