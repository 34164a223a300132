package dev.sam.agent.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A process to start inside a workspace. {@code env} is the complete environment (it may hold a
 * token, so it is never put on a command line). {@code pty} asks for a terminal: the PTY backend
 * plugs in behind {@link WorkspaceRuntime#start} later; today runtimes refuse it.
 */
public record ProcessSpec(List<String> argv, Map<String, String> env, String workDir, boolean pty) {
    public ProcessSpec {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static ProcessSpec of(List<String> argv, Map<String, String> env, String workDir) {
        return new ProcessSpec(argv, env, workDir, false);
    }

    @Override
    public String toString() {
        return "ProcessSpec[" + argv + ", env=" + env.keySet() + ", workDir=" + workDir + ", pty=" + pty + "]";
    }
}
