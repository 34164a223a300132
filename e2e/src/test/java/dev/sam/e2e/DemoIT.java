package dev.sam.e2e;

import dev.sam.e2e.stack.StackArtifacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./sam demo} as a user runs it: the launcher as its own process (the class and class path
 * the {@code sam} script execs). With {@code --shell} and piped input it runs the input in the
 * workspace terminal and ends at end of input; on SIGTERM it says it was interrupted (not that
 * something failed), stops every process and leaves only its private logs.
 */
class DemoIT {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    static final int SIGTERM_STATUS = 128 + 15;

    @TempDir
    Path temp;
    /** The demo under test; a failed test must not leave it (and its stack) running. */
    private Process demo;

    @AfterEach
    void killWhatIsLeft() {
        if (demo != null && demo.isAlive()) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    @Test
    void shellWithPipedInputRunsItInTheWorkspaceAndEndsAtEndOfInput() throws Exception {
        Path runs = runsDir();
        demo = start(runs, "--shell", "--repo", SeedRepository.create(temp, "demo/seed").toString());
        try (OutputStream in = demo.getOutputStream()) {
            in.write("echo \"answer:$((6*7)) token-length:${#GH_TOKEN}\"\n".getBytes(StandardCharsets.UTF_8));
        }
        Output out = Output.drain(demo);
        assertTrue(demo.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the demo did not end at end of input:\n" + out.text());
        out.join();
        assertEquals(0, demo.exitValue(), out.text());
        Matcher m = Pattern.compile("answer:42 token-length:(\\d+)").matcher(out.text());
        assertTrue(m.find(), "the piped command ran in the workspace terminal:\n" + out.text());
        assertTrue(Integer.parseInt(m.group(1)) >= 40, "GH_TOKEN set in the workspace terminal: " + m.group());
        FileChecks.assertOnlyPrivateLogsLeft(onlyRun(runs));
    }

    @Test
    void sigtermStopsEverythingAndSaysInterrupted() throws Exception {
        sigtermOnceTheDemoSays("is ready"); // a ready workspace, the clone about to start
    }

    @Test
    void sigtermWhileStartingStopsWhatHasStarted() throws Exception {
        sigtermOnceTheDemoSays("starting the API"); // the emulator runs, the API is being started
    }

    @Test
    void sigtermDuringTheNormalStopStillFinishesIt() throws Exception {
        sigtermOnceTheDemoSays("] stopping the stack"); // the demo is done and stopping on its own
    }

    /**
     * Starts the demo, sends SIGTERM once its output contains {@code line}; then it must stop every
     * process it had started and leave only its private logs, and unless it had already finished,
     * say it was interrupted (not that it failed) and exit as SIGTERM.
     */
    private void sigtermOnceTheDemoSays(String line) throws Exception {
        Path runs = runsDir();
        demo = start(runs, "--repo", SeedRepository.create(temp, "demo/seed").toString());
        demo.getOutputStream().close();
        Output out = Output.drain(demo);
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        while (!out.text().contains(line) && demo.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertTrue(demo.isAlive() && out.text().contains(line), "the demo got as far as '" + line + "':\n" + out.text());
        List<ProcessHandle> started = demo.descendants().toList();
        assertFalse(started.isEmpty(), "the demo runs the stack's services as child processes");

        demo.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output we still read
        assertTrue(demo.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the demo did not stop on SIGTERM:\n" + out.text());
        out.join();
        boolean finishedFirst = out.text().contains("SAM demo: OK");
        if (finishedFirst) {
            // The signal met the stop itself (or came just after it): it may cut nothing short.
            assertTrue(demo.exitValue() == 0 || demo.exitValue() == SIGTERM_STATUS, "exit " + demo.exitValue() + "\n" + out.text());
        } else {
            assertEquals(SIGTERM_STATUS, demo.exitValue(), out.text());
            assertTrue(out.text().contains("interrupted: stopping the stack"), out.text());
        }
        assertFalse(out.text().contains("FAILED"), "an interruption is not a failure:\n" + out.text());
        List<Long> alive = started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        assertTrue(alive.isEmpty(), "processes left running: " + alive);
        // Also a service launched after the snapshot: the emulator and the API carry the run directory in
        // their arguments (the agent, started last, is in the snapshot whenever it runs).
        List<Long> ofTheRun = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(runs.toString()))
                .map(ProcessHandle::pid).toList();
        assertTrue(ofTheRun.isEmpty(), "processes of the run still running: " + ofTheRun);
        FileChecks.assertOnlyPrivateLogsLeft(onlyRun(runs));
    }

    private static Process start(Path runs, String... args) throws IOException {
        Path root = StackArtifacts.findRoot();
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsam.root=" + root, "-cp", root.resolve("e2e/target/classes") + ":" + root.resolve("e2e/target/lib") + "/*",
                "dev.sam.e2e.launcher.Demo"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("SAM_DEMO_RUNS", runs.toString());
        return pb.start();
    }

    /**
     * Beside the other stacks' runs (target/e2e-runs), not in a 0700 temporary directory: the
     * workspace user must be able to reach the workspaces under it.
     */
    private static Path runsDir() {
        return Path.of(System.getProperty("sam.e2e.runs", "target/e2e-runs")).toAbsolutePath()
                .resolve("demo-" + System.nanoTime());
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), "one run directory: " + all);
            return all.get(0);
        }
    }

    /** The demo's combined output, read on its own thread so the pipe never fills. */
    private static final class Output {
        private final StringBuffer text = new StringBuffer();
        private final Thread reader;

        private Output(InputStream stream) {
            reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n = stream.read(buf); n >= 0; n = stream.read(buf)) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    text.append("\n(output unreadable: ").append(e.getMessage()).append(")\n");
                }
            }, "demo-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Output drain(Process p) {
            return new Output(p.getInputStream());
        }

        String text() {
            return text.toString();
        }

        void join() throws InterruptedException {
            reader.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
