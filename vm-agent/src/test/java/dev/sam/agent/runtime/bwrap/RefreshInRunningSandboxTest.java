package dev.sam.agent.runtime.bwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.agent.credential.CachedToken;
import dev.sam.agent.runtime.ProcessSpec;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.workspace.WorkspacePaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal opened before a rewrite of the workspace's files stays open for hours; whatever it
 * starts afterwards must see the new files. Each test keeps one sandbox process alive (a shell
 * reading command lines from a pipe, standing in for a terminal) across a rewrite done through the
 * agent's own path, then asks it to start fresh shells or git.
 */
class RefreshInRunningSandboxTest {
    private static final String ID = "ws-live";
    /** The shells a user may start from a terminal; each reaches the profile script by its own start-up file. */
    private static final List<String> SHELLS = List.of("bash -l", "bash -i", "sh -l", "zsh", "zsh -l", "fish");
    /** Valid in sh and fish; stdin closed so nothing waits for a terminal, stderr dropped (bash -i talks about job control). */
    private static final String PRINT_TOKEN = " -c 'printf \"gh=%s\\n\" \"$GH_TOKEN\"' </dev/null 2>/dev/null";

    @TempDir
    Path temp;

    @Test
    void shellsStartedInARunningSandboxAfterARefreshGetTheNewToken() throws Exception {
        try (StubControlPlane cp = new StubControlPlane();
                AgentServices agent = TestAgents.start(cp, temp)) {
            agent.provisioning().accept(TestAgents.request(cp, ID, "acme/app"));
            TestAgents.awaitState(agent, ID, WorkspaceStatus.READY);
            String first = cp.tokensIssued(ID).get(0);
            try (Terminal terminal = Terminal.open(agent)) {
                assertEquals(expected(first), tokensSeen(terminal), "before the refresh");

                CachedToken refreshed = agent.tokens().fetch(ID).get(30, TimeUnit.SECONDS).token().orElseThrow();
                assertNotEquals(first, refreshed.token());

                assertEquals(expected(refreshed.token()), tokensSeen(terminal), "shells started in the running sandbox after the refresh");
                assertEquals("alive", terminal.ask("echo alive"), "the same sandbox process answered throughout");
            }
        }
    }

    /**
     * A sandbox that starts while a refresh rewrites the files binds each fixed stub alone; had the
     * rewrite renamed a new copy over a stub, bwrap would fail with "Unable to find ... (deleted)
     * in mount table" (seen in the e2e suite). Sandboxes start back to back throughout 30 refreshes,
     * and every file bound alone keeps its inode (the race is narrow; the inodes show it every time).
     */
    @Test
    void sandboxesStartingDuringRefreshesAllStart() throws Exception {
        try (StubControlPlane cp = new StubControlPlane();
                AgentServices agent = TestAgents.start(cp, temp)) {
            agent.provisioning().accept(TestAgents.request(cp, ID, "acme/app"));
            TestAgents.awaitState(agent, ID, WorkspaceStatus.READY);
            Map<String, Object> inodesBefore = singleBoundInodes(agent);
            assertTrue(inodesBefore.containsKey("/usr/local/bin/gh") && inodesBefore.containsKey(WorkspacePaths.PROFILE_STUB),
                    inodesBefore.keySet().toString());
            var refreshes = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    try {
                        agent.tokens().fetch(ID).get(30, TimeUnit.SECONDS).token().orElseThrow();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            List<String> failures = new java.util.ArrayList<>();
            int starts = 0;
            Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
            while (!refreshes.isDone() || starts < 10) {
                Process p = agent.runtime().start(ID, ProcessSpec.of(List.of("/bin/true"), env, null));
                p.getOutputStream().close();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    failures.add(err.strip());
                }
                starts++;
            }
            refreshes.get(1, TimeUnit.MINUTES);
            assertEquals(31, cp.tokensIssued(ID).size(), "the first token and 30 refreshes");
            assertEquals(List.of(), failures, "of " + starts + " sandboxes started");
            assertEquals(inodesBefore, singleBoundInodes(agent), "files bound alone are never replaced");
        }
    }

    /** Inode of each file the sandbox binds alone, by its path inside the sandbox. */
    private static Map<String, Object> singleBoundInodes(AgentServices agent) throws IOException {
        List<String> args = agent.runtime().command(ID, ProcessSpec.of(List.of("/bin/true"), Map.of(), null));
        Path root = agent.layout().nodeRoot();
        Map<String, Object> inodes = new java.util.TreeMap<>();
        for (int i = 0; i + 2 < args.size(); i++) {
            Path source = Path.of(args.get(i + 1));
            if (args.get(i).equals("--ro-bind") && source.startsWith(root) && java.nio.file.Files.isRegularFile(source)) {
                inodes.put(args.get(i + 2), java.nio.file.Files.getAttribute(source, "unix:ino"));
            }
        }
        return inodes;
    }

    /** SAM's git config follows the agent's configuration: a host added at a restart reaches terminals already open. */
    @Test
    void gitInARunningSandboxFollowsAHostAddedAtARestart() throws Exception {
        String ask = "printf 'ghe=%s\\n' \"$(git config --get-all credential.https://ghe.example.test.helper | tr '\\n' ,)\"";
        try (StubControlPlane cp = new StubControlPlane()) {
            Map<String, String> settings = TestAgents.fastSettings(cp, TestAgents.dataDir(temp));
            AgentServices first = AgentServices.start(TestAgents.config(settings), Clock.systemUTC());
            first.provisioning().accept(TestAgents.request(cp, ID, "acme/app"));
            TestAgents.awaitState(first, ID, WorkspaceStatus.READY);
            try (Terminal terminal = Terminal.open(first)) {
                assertEquals("ghe=", terminal.ask(ask), "no helper for a host that is not configured");
                first.close();

                settings.put("sam.agent.extra-hosts", "ghe.example.test");
                try (AgentServices second = AgentServices.start(TestAgents.config(settings), Clock.systemUTC())) {
                    // After a restart the token is fetched again, and the files are rewritten with it before it is live.
                    TestAgents.await("credentials live again", Duration.ofSeconds(10), () -> WorkspaceStatus.CREDENTIALS_LIVE.equals(
                            second.provisioning().status(ID).orElseThrow().credentials()));
                    assertEquals("ghe=,sam,", terminal.ask(ask), "helper reset, then sam, for the added host");
                }
            } finally {
                first.close();
            }
        }
    }

    private static Map<String, String> expected(String token) {
        Map<String, String> m = new LinkedHashMap<>();
        SHELLS.forEach(shell -> m.put(shell, "gh=" + token));
        return m;
    }

    private static Map<String, String> tokensSeen(Terminal terminal) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String shell : SHELLS) {
            m.put(shell, terminal.ask(shell + PRINT_TOKEN));
        }
        return m;
    }

    /** A shell in the workspace's sandbox that runs one command line at a time and stays up between them. */
    private static final class Terminal implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        private Terminal(Process process) {
            this.process = process;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Terminal open(AgentServices agent) throws IOException {
            Map<String, String> env = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin",
                    "HOME", "/home/" + agent.config().workspaceUser(), "LANG", "C.UTF-8");
            return new Terminal(agent.runtime().start(ID, ProcessSpec.of(List.of("/bin/sh"), env, null)));
        }

        /** Sends one command line and reads the one line it prints. */
        String ask(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("the sandbox's shell exited before answering: " + command);
            }
            return line;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
