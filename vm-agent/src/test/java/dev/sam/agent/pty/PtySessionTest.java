package dev.sam.agent.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.TestAgents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One terminal in a real bubblewrap workspace: output, UTF-8, window size, exit code, and no orphans. */
class PtySessionTest {
    @TempDir
    static Path temp;
    static PtyRig rig;
    static PtySessionManager manager;

    @BeforeAll
    static void start() throws Exception {
        rig = new PtyRig(temp);
        manager = new PtySessionManager(rig.launcher, 8, Duration.ofHours(1), 4096, java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        manager.close();
        rig.close();
    }

    private PtySession open(PtyRig.Collector c) throws Exception {
        return manager.open(PtyRig.WS, PtyRig.bash(), PtyRig.env(), 80, 24, c);
    }

    @Test
    void runsTheShellInATerminalAsTheWorkspaceUser() throws Exception {
        PtyRig.Collector c = new PtyRig.Collector();
        PtySession s = open(c);
        s.write("printf '%s:%s:%s\\n' \"$(id -u)\" \"$TERM\" \"$(test -t 0 && echo tty)\"\r");
        c.await(o -> o.contains("1000:xterm-256color:tty"));
        s.write("printf '%s\\n' 'h\u00e9llo \u2603'\r");
        c.await(o -> o.contains("h\u00e9llo \u2603\r\n"));
        assertTrue(new String(s.buffer().snapshot(), StandardCharsets.UTF_8).contains("h\u00e9llo \u2603"));
        s.close();
    }

    @Test
    void resizeReachesTheTerminal() throws Exception {
        PtyRig.Collector c = new PtyRig.Collector();
        PtySession s = open(c);
        s.write("stty size\r");
        c.await(o -> o.contains("24 80"));
        s.resize(132, 41);
        s.write("stty size\r");
        c.await(o -> o.contains("41 132"));
        s.close();
    }

    @Test
    void exitCodeIsReportedAndTheSessionLeavesTheRegistry() throws Exception {
        PtyRig.Collector c = new PtyRig.Collector();
        PtySession s = open(c);
        s.write("exit 3\r");
        assertEquals(3, c.exited.get(60, TimeUnit.SECONDS));
        assertEquals(3, s.exitCode().get(10, TimeUnit.SECONDS));
        TestAgents.await("session removed", Duration.ofSeconds(10), () -> manager.sessions(PtyRig.WS).stream().noneMatch(x -> x == s));
    }

    @Test
    void closingEndsTheShellAndEveryChild() throws Exception {
        PtyRig.Collector c = new PtyRig.Collector();
        PtySession s = open(c);
        s.write("sleep 1000 & sh -c 'sleep 1001' & printf 'started_%s\\n' bg\r");
        c.await(o -> o.contains("started_bg"));
        ProcessHandle root = ProcessHandle.of(s.pid()).orElseThrow();
        TestAgents.await("both sleeps running", Duration.ofSeconds(30), () -> root.descendants()
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("/sleep")).orElse(false)).count() == 2);
        List<ProcessHandle> tree = root.descendants().toList();
        assertTrue(tree.size() >= 4, "bwrap, its init, bash, two sleeps: " + tree.size());
        s.close();
        TestAgents.await("every process of the session gone", Duration.ofSeconds(30),
                () -> tree.stream().noneMatch(ProcessHandle::isAlive) && !root.isAlive());
        assertFalse(c.exited.isDone(), "a session closed by the client does not report an exit to it");
        s.exitCode().get(10, TimeUnit.SECONDS);
    }
}
