package dev.sam.e2e.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {
    @TempDir
    Path runs;

    @Test
    void scrubKeepsOnlyLogsAndTheLock() throws Exception {
        Path run = fakeRun("a");
        assertEquals(List.of("agent", "api"), RunDirectory.scrub(run));
        assertFalse(Files.exists(run.resolve("agent")));
        assertEquals("log line\n", Files.readString(run.resolve("logs/agent.log")));
        assertTrue(Files.exists(run.resolve(".lock")));
        assertEquals(List.of(), RunDirectory.scrub(run), "a second scrub has nothing to do");
    }

    @Test
    void sweepScrubsAbandonedRunsButNotLiveOnesNorTheCurrent() throws Exception {
        Path abandoned = fakeRun("abandoned");
        Path live = fakeRun("live");
        Path current = fakeRun("current");
        Process holder = HoldRunLock.start(live);
        try {
            assertEquals(1, RunDirectory.sweepAbandoned(runs, current));
            assertFalse(Files.exists(abandoned.resolve("agent/data/workspaces/w1/root/etc/sam/env")), "abandoned secrets removed");
            assertTrue(Files.exists(abandoned.resolve("logs/agent.log")), "abandoned logs kept");
            assertTrue(Files.exists(live.resolve("agent/data/workspaces/w1/root/etc/sam/env")), "a live run is left alone");
            assertTrue(Files.exists(current.resolve("agent/data/workspaces/w1/root/etc/sam/env")), "the current run is left alone");
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the lock holder ends at end of input");
        }
        assertEquals(2, RunDirectory.sweepAbandoned(runs, null), "once released, the live run and the current one are swept too");
    }

    @Test
    void aRunHeldByAnotherProcessCannotBeClaimed() throws Exception {
        Path run = fakeRun("twice");
        Process holder = HoldRunLock.start(run);
        try {
            StackException e = assertThrows(StackException.class, () -> RunDirectory.claim(run));
            assertTrue(e.getMessage().contains("in use by another run"), e.getMessage());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        RunDirectory.claim(run).channel().close();
    }

    /** A stopped-by-SIGKILL run as the stack lays it out: secrets, a workspace env file, logs. */
    private Path fakeRun(String name) throws Exception {
        Path run = runs.resolve(name);
        Path env = run.resolve("agent/data/workspaces/w1/root/etc/sam/env");
        Files.createDirectories(env.getParent());
        Files.writeString(env, "GH_TOKEN=ghs_secret\n");
        Files.createDirectories(run.resolve("api/secrets"));
        Files.writeString(run.resolve("api/secrets/github-app.pem"), "key");
        Files.createDirectories(run.resolve("logs"));
        Files.writeString(run.resolve("logs/agent.log"), "log line\n");
        Files.writeString(run.resolve(".lock"), "");
        return run;
    }
}
