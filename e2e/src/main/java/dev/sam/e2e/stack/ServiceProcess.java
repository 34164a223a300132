package dev.sam.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service of the stack as a real OS process: stdout and stderr go to its own log file, it is
 * waited on until a readiness probe answers, and stopping it ends its whole process tree
 * (SIGTERM, then SIGKILL after a grace period) and checks nothing of it is left.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Path log;
    private final Process process;
    private volatile boolean stopped;

    private ServiceProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code command}; {@code env} is added to a minimal inherited environment. Secrets reach
     * services through files or this environment, never through {@code command}.
     */
    public static ServiceProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        try {
            PrivateLog.create(log);
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().keySet().removeIf(k -> k.startsWith("SAM_") || k.startsWith("QUARKUS_") || k.startsWith("GIT_")
                    || k.equals("GH_TOKEN") || k.equals("GITHUB_TOKEN"));
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            return new ServiceProcess(name, log, p);
        } catch (IOException e) {
            throw new StackException(name + " could not be started (" + command.get(0) + "): " + e.getMessage()
                    + "; log: " + log, e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code ready} until it is true; fails early, with the log's tail, if the process dies. */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StackException(name + " exited with " + process.exitValue() + " before it was ready; log: " + log
                        + "\n" + tail(40));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            Waits.pause(Duration.ofMillis(200));
        }
        throw new StackException(name + " was not ready within " + timeout.toSeconds() + " s; log: " + log + "\n" + tail(40));
    }

    public String tail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM to the tree, children first; SIGKILL what is left after the grace period. Idempotent. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        Instant deadline = Instant.now().plus(GRACE);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            Waits.pause(Duration.ofMillis(50));
        }
        List<Long> left = tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        if (!left.isEmpty()) {
            throw new StackException(name + " left processes behind: " + left);
        }
    }
}
