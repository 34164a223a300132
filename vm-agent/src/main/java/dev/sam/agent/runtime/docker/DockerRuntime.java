package dev.sam.agent.runtime.docker;

import dev.sam.agent.runtime.ProcessSpec;
import dev.sam.agent.runtime.WorkspaceRuntime;
import dev.sam.agent.workspace.AtomicFiles;
import dev.sam.agent.workspace.WorkspaceLayout;
import dev.sam.bootstrap.plan.BootstrapPlan;
import dev.sam.bootstrap.plan.PlannedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Workspaces as docker containers. Files go in through {@code docker exec -i} with the bytes on
 * stdin (the original bug: a channel without stdin wrote empty files), are moved into place
 * atomically inside the container, and are read back by the caller. Process env goes through a
 * 0600 {@code --env-file}, never {@code -e NAME=value}, so no secret reaches any argv.
 */
public final class DockerRuntime implements WorkspaceRuntime {
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final WorkspaceLayout layout;
    private final String docker;
    private final String image;
    private final int uid;
    private final int gid;

    public DockerRuntime(WorkspaceLayout layout, String docker, String image, int uid, int gid) {
        this.layout = layout;
        this.docker = docker;
        this.image = image;
        this.uid = uid;
        this.gid = gid;
    }

    public static String containerName(String workspaceId) {
        return "sam-ws-" + workspaceId;
    }

    @Override
    public void prepare(String workspaceId) throws IOException {
        Files.createDirectories(layout.workspaceDir(workspaceId));
        String name = containerName(workspaceId);
        Result inspect = run(List.of(docker, "container", "inspect", "--format", "{{.State.Running}}", name), null);
        if (inspect.exit() == 0 && inspect.stdout().strip().equals("true")) {
            return;
        }
        if (inspect.exit() != 0) {
            check(run(List.of(docker, "create", "--name", name, "--label", "dev.sam.workspace=" + workspaceId,
                    image, "sleep", "infinity"), null), "create container");
        }
        check(run(List.of(docker, "start", name), null), "start container");
    }

    @Override
    public void writePlan(String workspaceId, BootstrapPlan plan) throws IOException {
        for (PlannedFile f : plan.files()) {
            String owner = f.uid() + ":" + f.gid();
            // Paths are positional parameters, never spliced into the script; the bytes travel on stdin.
            String script = "set -e; d=$(dirname \"$1\"); mkdir -p \"$d\"; t=\"$d/.sam-tmp.$$\"; umask 077; "
                    + "cat > \"$t\"; chown \"$2\" \"$t\"; chmod \"$3\" \"$t\"; mv -f \"$t\" \"$1\"";
            List<String> cmd = List.of(docker, "exec", "-i", "-u", "0", containerName(workspaceId),
                    "sh", "-c", script, "sam-write", f.path(), owner, Integer.toOctalString(f.mode()));
            check(run(cmd, f.bytes()), "write " + f.path());
        }
    }

    @Override
    public byte[] readFile(String workspaceId, String insidePath) throws IOException {
        Result r = run(List.of(docker, "exec", "-u", "0", containerName(workspaceId), "cat", "--", insidePath), null);
        check(r, "read " + insidePath);
        return r.stdoutBytes();
    }

    @Override
    public int fileMode(String workspaceId, String insidePath) throws IOException {
        Result r = run(List.of(docker, "exec", "-u", "0", containerName(workspaceId), "stat", "-c", "%a", "--", insidePath), null);
        check(r, "stat " + insidePath);
        try {
            return Integer.parseInt(r.stdout().strip(), 8);
        } catch (NumberFormatException e) {
            throw new IOException("unreadable mode for " + insidePath);
        }
    }

    @Override
    public Process start(String workspaceId, ProcessSpec spec) throws IOException {
        if (spec.pty()) {
            throw new UnsupportedOperationException("PTY sessions need the PTY backend");
        }
        Path envFile = writeEnvFile(workspaceId, spec.env());
        List<String> cmd = new ArrayList<>(List.of(docker, "exec", "-i", "--env-file", envFile.toString(),
                "-u", uid + ":" + gid));
        if (spec.workDir() != null) {
            cmd.addAll(List.of("-w", spec.workDir()));
        }
        cmd.add(containerName(workspaceId));
        cmd.addAll(spec.argv());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Process p = pb.start();
        // docker reads the env file while starting the exec; it goes once the process is gone.
        p.onExit().thenRun(() -> deleteQuietly(envFile));
        return p;
    }

    /** docker's env-file format has no escaping: one NAME=value per line, so values with newlines are refused. */
    private Path writeEnvFile(String workspaceId, Map<String, String> env) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\r') >= 0) {
                throw new IOException("env value of " + e.getKey() + " has a line break; docker env files cannot carry it");
            }
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        Path dir = layout.workspaceDir(workspaceId).resolve("exec-env");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, AtomicFiles.permissions(0700));
        Path file = dir.resolve("env-" + System.nanoTime());
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8), 0600, OptionalInt.empty(), OptionalInt.empty());
        return file;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A leftover 0600 file in a 0700 directory; removed with the workspace.
        }
    }

    private record Result(int exit, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    private static void check(Result r, String what) throws IOException {
        if (r.exit() != 0) {
            throw new IOException("docker: cannot " + what + " (exit " + r.exit() + "): " + r.stderr().strip());
        }
    }

    private static Result run(List<String> cmd, byte[] stdin) throws IOException {
        Process p = new ProcessBuilder(cmd).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> copy(p.getErrorStream(), err), "docker-stderr");
        errReader.setDaemon(true);
        errReader.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("docker command timed out");
            }
            errReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // stderr is only for the error message.
        }
    }
}
