package dev.sam.bootstrap.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.Workspaces;
import dev.sam.bootstrap.fs.PlanApplier;
import dev.sam.contract.bootstrap.TokenEnvNames;
import dev.sam.contract.env.EnvNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F-07: whose GH_TOKEN wins (docs/formats.md, "Token precedence"). */
class TokenPolicyTest {
    private static final String SAM_TOKEN = "ghs_samtoken_from_file";
    private static final String PRINT = "printf '%s' \"$GH_TOKEN\" > gh; printf '%s' \"$SAM_GH_TOKEN_SOURCE\" > src";

    @TempDir
    Path tmp;
    WorkspaceShell shell;

    @BeforeEach
    void apply() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        PlanApplier.forCurrentUser().apply(root, BootstrapRenderer.render(Workspaces.withValue(SAM_TOKEN, 0, WorkspaceShell.USER)));
        shell = new WorkspaceShell(root, WorkspaceShell.openDir(tmp.resolve("scratch")));
    }

    @Test
    void tokenTheUserExportedBeforeIsKept() throws Exception {
        for (ShellKind kind : List.of(ShellKind.DASH_SOURCING, ShellKind.BASH_LOGIN, ShellKind.BASH_INTERACTIVE,
                ShellKind.ZSH_SCRIPT, ShellKind.FISH)) {
            shell.run(kind.command(PRINT), Map.of(EnvNames.GH_TOKEN, "user-own-token"));
            assertEquals("user-own-token", read("gh"), kind.name());
            assertEquals("", read("src"), kind.name());
        }
    }

    @Test
    void tokenSamSetEarlierIsReplacedByTheFilesFresherOne() throws Exception {
        for (ShellKind kind : List.of(ShellKind.DASH_SOURCING, ShellKind.BASH_LOGIN, ShellKind.BASH_INTERACTIVE,
                ShellKind.ZSH_SCRIPT, ShellKind.FISH)) {
            shell.run(kind.command(PRINT), Map.of(EnvNames.GH_TOKEN, "ghs_stale_from_parent",
                    TokenEnvNames.GH_TOKEN_SOURCE, TokenEnvNames.SOURCE_SAM));
            assertEquals(SAM_TOKEN, read("gh"), kind.name());
            assertEquals(TokenEnvNames.SOURCE_SAM, read("src"), kind.name());
        }
    }

    @Test
    void tokenTheUserExportsInProfileAfterTheSystemProfileWins() throws Exception {
        Files.writeString(shell.home().resolve(".profile"), "GH_TOKEN=user-profile-token; export GH_TOKEN\n");
        for (ShellKind kind : List.of(ShellKind.DASH_LOGIN, ShellKind.BASH_LOGIN)) {
            shell.run(kind.command(PRINT));
            assertEquals("user-profile-token", read("gh"), kind.name());
        }
    }

    @Test
    void sourcingTwiceIsHarmlessAndSilent() throws Exception {
        WorkspaceShell.Result r = shell.run(List.of("/usr/bin/dash", "-c",
                ". /etc/profile.d/sam-env.sh; . /etc/profile.d/sam-env.sh; " + PRINT));
        assertEquals(0, r.exit());
        assertEquals(SAM_TOKEN, read("gh"));
        assertEquals("", r.stdoutText() + r.stderrText());
    }

    private String read(String name) throws Exception {
        Path f = shell.cwd().resolve(name);
        String s = Files.readString(f);
        Files.delete(f);
        return s;
    }
}
