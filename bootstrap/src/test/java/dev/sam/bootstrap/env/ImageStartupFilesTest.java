package dev.sam.bootstrap.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.Workspaces;
import dev.sam.bootstrap.fs.PlanApplier;
import dev.sam.contract.bootstrap.HookPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAM's /etc/bash.bashrc and /etc/zsh/zshenv keep the image's own files running, first. */
class ImageStartupFilesTest {
    private static final String PRINT = "printf '%s' \"$IMAGE_RC:$GH_TOKEN\" > out";

    @TempDir
    Path tmp;

    @Test
    void imageFilesMountedAtTheHostPathsRunBeforeSams() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        PlanApplier.forCurrentUser().apply(root, BootstrapRenderer.render(Workspaces.withValue("ghs_t", 0, WorkspaceShell.USER)));
        // What the runtime does with the image's originals; the token must still come out as SAM's.
        Path hostDir = Files.createDirectories(root.resolve(HookPaths.HOST_BASH_BASHRC.substring(1)).getParent());
        Files.writeString(hostDir.resolve("bash.bashrc"), "IMAGE_RC=bash; export IMAGE_RC; GH_TOKEN=; export GH_TOKEN\n");
        Files.writeString(hostDir.resolve("zshenv"), "IMAGE_RC=zsh; export IMAGE_RC\n");
        WorkspaceShell shell = new WorkspaceShell(root, WorkspaceShell.openDir(tmp.resolve("scratch")));

        shell.run(ShellKind.BASH_INTERACTIVE.command(PRINT));
        assertEquals("bash:ghs_t", read(shell));
        shell.run(ShellKind.ZSH_SCRIPT.command(PRINT));
        assertEquals("zsh:ghs_t", read(shell));
    }

    private static String read(WorkspaceShell shell) throws Exception {
        Path out = shell.cwd().resolve("out");
        String s = Files.readString(out);
        Files.delete(out);
        return s;
    }
}
