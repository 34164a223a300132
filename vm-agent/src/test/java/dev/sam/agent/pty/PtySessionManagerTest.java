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
        CountingRuntime counting = new CountingRuntime(rig.agent.runtime());
        try (PtySessionManager m = new PtySessionManager(new PtyLauncher(counting), 2, Duration.ofHours(1), 1024, Clock.systemUTC())) {
            List<PtySession> open = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                open.add(m.open(PtyRig.WS, PtyRig.bash(), PtyRig.env(), 80, 24, new PtyRig.Collector()));
            }
            assertEquals(2, counting.commands.get());
            SessionRefusedException e = assertThrows(SessionRefusedException.class,
                    () -> m.open(PtyRig.WS, PtyRig.bash(), PtyRig.env(), 80, 24, new PtyRig.Collector()));
            assertEquals(Reason.LIMIT_REACHED, e.reason());
            assertEquals(SessionCloseCodes.TRY_AGAIN_LATER, e.closeCode());
            assertEquals(2, counting.commands.get(), "the runtime was not asked to start anything for the refused session");
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

    /** Counts how often a launcher asked the runtime for a command line, i.e. how many sandboxes it started. */
    static final class CountingRuntime implements dev.sam.agent.runtime.WorkspaceRuntime {
        final dev.sam.agent.runtime.WorkspaceRuntime real;
        final java.util.concurrent.atomic.AtomicInteger commands = new java.util.concurrent.atomic.AtomicInteger();

        CountingRuntime(dev.sam.agent.runtime.WorkspaceRuntime real) {
            this.real = real;
        }

        @Override
        public List<String> command(String workspaceId, dev.sam.agent.runtime.ProcessSpec spec) {
            commands.incrementAndGet();
            return real.command(workspaceId, spec);
        }

        @Override
        public void prepare(String workspaceId) throws java.io.IOException {
            real.prepare(workspaceId);
        }

        @Override
        public void writePlan(String workspaceId, dev.sam.bootstrap.plan.BootstrapPlan plan) throws java.io.IOException {
            real.writePlan(workspaceId, plan);
        }

        @Override
        public byte[] readFile(String workspaceId, String insidePath) throws java.io.IOException {
            return real.readFile(workspaceId, insidePath);
        }

        @Override
        public int fileMode(String workspaceId, String insidePath) throws java.io.IOException {
            return real.fileMode(workspaceId, insidePath);
        }

        @Override
        public Process start(String workspaceId, dev.sam.agent.runtime.ProcessSpec spec) throws java.io.IOException {
            return real.start(workspaceId, spec);
        }
    }
}
