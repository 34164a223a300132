package dev.sam.agent.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.TestAgents;
import dev.sam.agent.session.SessionRefusedException;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionCloseCodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: per-workspace limit checked before a process starts, idle sessions closed, ended ones removed. */
class PtySessionManagerTest {
    @TempDir
    static Path temp;
    static PtyRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new PtyRig(temp);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void limitPerWorkspaceRefusesBeforeStartingAnything() throws Exception {
        try (PtySessionManager m = new PtySessionManager(rig.launcher, 2, Duration.ofHours(1), 1024, Clock.systemUTC())) {
            List<PtySession> open = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                open.add(m.open(PtyRig.WS, PtyRig.bash(), PtyRig.env(), 80, 24, new PtyRig.Collector()));
            }
            long before = bwrapChildren();
            SessionRefusedException e = assertThrows(SessionRefusedException.class,
                    () -> m.open(PtyRig.WS, PtyRig.bash(), PtyRig.env(), 80, 24, new PtyRig.Collector()));
            assertEquals(Reason.LIMIT_REACHED, e.reason());
            assertEquals(SessionCloseCodes.TRY_AGAIN_LATER, e.closeCode());
            assertEquals(before, bwrapChildren(), "no process was started for the refused session");
            assertEquals(2, m.count(PtyRig.WS));
            assertEquals(0, m.count("ws-other"), "the limit is per workspace");

            m.close(open.get(0).id());
            PtySession again = m.open(PtyRig.WS, PtyRig.bash(), PtyRig.env(), 80, 24, new PtyRig.Collector());
            assertTrue(again.isOpen(), "a closed session frees its slot");
        }
    }

    @Test
    void idleSessionsAreClosedAndTheirListenerTold() throws Exception {
        try (PtySessionManager m = new PtySessionManager(rig.launcher, 4, Duration.ofMillis(800), 1024, Clock.systemUTC())) {
            PtyRig.Collector idle = new PtyRig.Collector();
            PtySession s = m.open(PtyRig.WS, PtyRig.bash(), PtyRig.env(), 80, 24, idle);
            idle.idle.get(60, TimeUnit.SECONDS);
            assertEquals(0, m.count(PtyRig.WS));
            ProcessHandle root = ProcessHandle.of(s.pid()).orElse(null);
            TestAgents.await("idle shell gone", Duration.ofSeconds(30), () -> root == null || !root.isAlive());
        }
    }

    @Test
    void aSessionThatEndsByItselfLeavesTheRegistry() throws Exception {
        try (PtySessionManager m = new PtySessionManager(rig.launcher, 4, Duration.ofHours(1), 1024, Clock.systemUTC())) {
            PtyRig.Collector c = new PtyRig.Collector();
            PtySession s = m.open(PtyRig.WS, PtyRig.bash(), PtyRig.env(), 80, 24, c);
            s.write("exit 0\r");
            assertEquals(0, c.exited.get(60, TimeUnit.SECONDS));
            TestAgents.await("removed", Duration.ofSeconds(10), () -> m.count(PtyRig.WS) == 0);
        }
    }

    /** Sandboxes started by this JVM. */
    static long bwrapChildren() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bwrap") || c.endsWith("/setpriv")).orElse(false)).count();
    }
}
