package dev.sam.bootstrap.env;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sam.contract.bootstrap.HookPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real shell inside bubblewrap with an applied plan bound at the real absolute paths, as
 * the workspace user (uid/gid {@link #USER}), in an isolated HOME and an empty working directory.
 * A shell or tool that is missing fails the test: these tests never skip.
 */
final class WorkspaceShell {
    /** The workspace user the shells run as; the plan's token files are root:USER 0640. */
    static final int USER = 1000;

    private final Path root;
    private final Path home;
    private final Path cwd;
    private Path localBin;
    private String path = "/usr/local/bin:/usr/bin:/bin";

    WorkspaceShell(Path root, Path scratch) throws IOException {
        for (String tool : List.of("/usr/bin/bwrap", "/usr/bin/setpriv", "/usr/bin/dash", "/bin/bash", "/usr/bin/zsh", "/usr/bin/fish")) {
            assertTrue(Files.isExecutable(Path.of(tool)), tool + " is required (scripts/install-os-packages.sh installs it)");
        }
        this.root = root;
        // JUnit's temp dir is 0700; the workspace user must reach its HOME and working directory.
        Files.setPosixFilePermissions(scratch.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        this.home = openDir(scratch.resolve("home"));
        this.cwd = openDir(scratch.resolve("cwd"));
        Files.writeString(home.resolve(".zshrc"), ""); // keeps zsh-newuser-install away
    }

    /** Binds {@code dir} over /usr/local/bin (where stand-ins go) and sets PATH. */
    WorkspaceShell withLocalBin(Path dir, String path) {
        this.localBin = dir;
        this.path = path;
        return this;
    }

    Path cwd() {
        return cwd;
    }

    Path home() {
        return home;
    }

    record Result(int exit, byte[] stdout, byte[] stderr, Duration elapsed) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code argv} (a shell and its arguments) in the workspace. */
    Result run(List<String> argv) throws IOException, InterruptedException {
        return run(argv, Map.of());
    }

    /** Runs {@code argv} with {@code extraEnv} added to the clean environment. */
    Result run(List<String> argv, Map<String, String> extraEnv) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/bwrap", "--dev-bind", "/", "/",
                "--bind", root.resolve("etc/sam").toString(), "/etc/sam",
                "--bind", root.resolve("etc/profile.d").toString(), "/etc/profile.d",
                "--bind", root.resolve("etc/bash.bashrc").toString(), HookPaths.BASH_BASHRC,
                "--bind", root.resolve("etc/zsh/zshenv").toString(), HookPaths.ZSH_ZSHENV,
                "--bind", root.resolve("etc/fish/conf.d").toString(), "/etc/fish/conf.d"));
        if (localBin != null) {
            cmd.addAll(List.of("--bind", localBin.toString(), "/usr/local/bin"));
        }
        cmd.addAll(List.of("--chdir", cwd.toString(), "--die-with-parent",
                "/usr/bin/setpriv", "--reuid=" + USER, "--regid=" + USER, "--clear-groups", "--"));
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("USER", "workspace");
        env.putAll(extraEnv);
        Path out = Files.createTempFile(cwd.getParent(), "stdout", ".bin");
        Path err = Files.createTempFile(cwd.getParent(), "stderr", ".bin");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("shell did not finish within 60 s: " + argv);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Result r = new Result(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err), elapsed);
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Path openDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }
}
