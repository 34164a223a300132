package dev.sam.agent.pty;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import dev.sam.agent.runtime.ProcessSpec;
import dev.sam.agent.runtime.WorkspaceRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a command in a workspace inside a real pseudo-terminal: the runtime gives the host command
 * line (bwrap with the workspace's mounts, as the workspace user), pty4j runs it with the pty as
 * controlling terminal. The environment goes through the process environment, never argv.
 */
public final class PtyLauncher {
    private final WorkspaceRuntime runtime;

    public PtyLauncher(WorkspaceRuntime runtime) {
        this.runtime = runtime;
    }

    public PtyProcess start(String workspaceId, List<String> argv, Map<String, String> env, int cols, int rows) throws IOException {
        List<String> cmd = new ArrayList<>(runtime.command(workspaceId, new ProcessSpec(argv, env, null, true)));
        cmd.set(0, onHostPath(cmd.get(0)));
        return new PtyProcessBuilder(cmd.toArray(String[]::new))
                .setEnvironment(env)
                .setInitialColumns(cols)
                .setInitialRows(rows)
                .setRedirectErrorStream(true)
                .start();
    }

    /** pty4j execs without a PATH search of the agent's own PATH; resolve the launcher here. */
    static String onHostPath(String program) {
        if (program.contains("/")) {
            return program;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return program;
    }
}
