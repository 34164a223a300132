package dev.sam.agent.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A process to start inside a workspace. {@code env} is the complete environment (it may hold a
 * token, so it is never put on a command line). {@code pty} asks for a terminal.
 * {@code readOnlyMounts} maps a path inside the sandbox to a host directory the process needs
 * (a coding agent's installation, say): the sandbox shows the host's system but not its
 * {@code /tmp}, nor anything under the agent's data directory.
 */
public record ProcessSpec(List<String> argv, Map<String, String> env, String workDir, boolean pty,
        Map<String, String> readOnlyMounts) {
    public ProcessSpec {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
        readOnlyMounts = readOnlyMounts == null ? Map.of() : Map.copyOf(readOnlyMounts);
        for (String inside : readOnlyMounts.keySet()) {
            if (!inside.startsWith("/") || inside.contains("..")) {
                throw new IllegalArgumentException("mount point must be absolute and plain: " + inside);
            }
        }
    }

    public ProcessSpec(List<String> argv, Map<String, String> env, String workDir, boolean pty) {
        this(argv, env, workDir, pty, Map.of());
    }

    public static ProcessSpec of(List<String> argv, Map<String, String> env, String workDir) {
        return new ProcessSpec(argv, env, workDir, false);
    }

    @Override
    public String toString() {
        return "ProcessSpec[" + argv + ", env=" + env.keySet() + ", workDir=" + workDir + ", pty=" + pty
                + ", readOnlyMounts=" + readOnlyMounts + "]";
    }
}
