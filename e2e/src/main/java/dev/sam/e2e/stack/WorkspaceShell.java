package dev.sam.e2e.stack;

import dev.sam.agent.runtime.ProcessSpec;
import dev.sam.agent.runtime.bwrap.BwrapRuntime;
import dev.sam.agent.runtime.bwrap.HostTree;
import dev.sam.agent.workspace.WorkspaceLayout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A login shell inside a workspace, as the workspace user, in the sandbox the agent builds for
 * its sessions: the agent's own {@link BwrapRuntime} over the agent's data directory. The
 * environment is what a terminal starts with (no token); everything else comes from the
 * workspace's files through {@code /etc/profile}. It stands for a terminal that is not a child of the
 * agent (an editor's or SSH terminal), which survives an agent restart; the agent's own terminals
 * are {@code dev.sam.e2e.session.PtySession}.
 */
public final class WorkspaceShell implements AutoCloseable {
    /** The terminal-like starting environment: no SAM value, no token. */
    static final Map<String, String> LOGIN_ENV = Map.of("HOME", "/home/sam", "USER", "sam", "LOGNAME", "sam",
            "PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "TERM", "dumb");

    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;
    private final CompletableFuture<String> stderr;

    private WorkspaceShell(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.getOutputStream();
        this.stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** The result of one command: exit code and output (stderr is merged into stdout, so {@code stderr} is empty). */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " exited " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    private static BwrapRuntime runtime(LocalStack stack) {
        return new BwrapRuntime(new WorkspaceLayout(stack.agentDataDir()), "bwrap", 1000, 1000, "sam",
                stack.helperDist(), HostTree.real());
    }

    private static Process start(LocalStack stack, String workspaceId, List<String> argv) {
        BwrapRuntime runtime = runtime(stack);
        try {
            return runtime.start(workspaceId, ProcessSpec.of(argv, LOGIN_ENV, "/workspace"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a shell in workspace " + workspaceId, e);
        }
    }

    /** A login shell that stays open (like a terminal left open), fed commands one at a time. */
    public static WorkspaceShell open(LocalStack stack, String workspaceId) {
        return new WorkspaceShell(start(stack, workspaceId, List.of("bash", "-l", "-s")));
    }

    /** Runs {@code command} in this shell (its environment as at login); answers exit code and stdout. */
    public Result send(String command, Duration timeout) {
        String marker = "__SAM_E2E_" + UUID.randomUUID().toString().replace("-", "") + "__";
        try {
            in.write(("{ " + command + "\n} 2>&1; echo \"" + marker + "$?\"\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            CompletableFuture<Result> answer = CompletableFuture.supplyAsync(() -> {
                StringBuilder sb = new StringBuilder();
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        int at = line.indexOf(marker);
                        if (at >= 0) {
                            sb.append(line, 0, at);
                            return new Result(Integer.parseInt(line.substring(at + marker.length()).trim()), sb.toString(), "");
                        }
                        sb.append(line).append('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("the shell ended: " + sb + stderr.getNow(""));
            });
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("command in the open shell failed: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
