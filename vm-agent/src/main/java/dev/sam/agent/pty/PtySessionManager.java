package dev.sam.agent.pty;

import com.pty4j.PtyProcess;
import dev.sam.agent.session.SessionRefusedException;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionCloseCodes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live terminals of this node: several per workspace up to a limit, each removed when it ends,
 * idle ones closed by a periodic sweep. Starting and stopping processes goes through {@link PtyLauncher}.
 */
public final class PtySessionManager implements AutoCloseable {
    private final PtyLauncher launcher;
    private final int limitPerWorkspace;
    private final Duration idleTimeout;
    private final int bufferBytes;
    private final Clock clock;
    private final Map<String, PtySession> sessions = new ConcurrentHashMap<>();
    /** Slots reserved by opens whose process is still starting, per workspace (guarded by this). */
    private final Map<String, Integer> starting = new java.util.HashMap<>();
    private final ScheduledExecutorService sweeper;

    public PtySessionManager(PtyLauncher launcher, int limitPerWorkspace, Duration idleTimeout, int bufferBytes, Clock clock) {
        this.launcher = launcher;
        this.limitPerWorkspace = limitPerWorkspace;
        this.idleTimeout = idleTimeout;
        this.bufferBytes = bufferBytes;
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sam-pty-idle");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, Math.min(idleTimeout.toMillis() / 4, 30_000));
        sweeper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts {@code argv} in the workspace's terminal, or refuses with {@code limit_reached} before starting anything. */
    public PtySession open(String workspaceId, List<String> argv, Map<String, String> env, int cols, int rows,
            PtySession.Listener listener) throws SessionRefusedException, IOException {
        String id = UUID.randomUUID().toString();
        synchronized (this) {
            // Reserve the slot first so concurrent opens cannot overshoot the limit.
            if (count(workspaceId) >= limitPerWorkspace) {
                throw new SessionRefusedException(Reason.LIMIT_REACHED, SessionCloseCodes.TRY_AGAIN_LATER,
                        "workspace " + workspaceId + " already has " + limitPerWorkspace + " terminals");
            }
            starting.merge(workspaceId, 1, Integer::sum);
        }
        try {
            PtyProcess process = launcher.start(workspaceId, argv, env, cols, rows);
            PtySession session = new PtySession(id, workspaceId, process, bufferBytes, clock, listener);
            sessions.put(id, session);
            session.startPump(() -> sessions.remove(id));
            return session;
        } finally {
            synchronized (this) {
                starting.computeIfPresent(workspaceId, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    public void close(String sessionId) {
        PtySession s = sessions.remove(sessionId);
        if (s != null) {
            s.close();
        }
    }

    /** Live and starting sessions of a workspace. */
    public synchronized int count(String workspaceId) {
        return sessions(workspaceId).size() + starting.getOrDefault(workspaceId, 0);
    }

    public List<PtySession> sessions(String workspaceId) {
        return sessions.values().stream().filter(s -> s.workspaceId().equals(workspaceId)).toList();
    }

    void closeIdle() {
        Instant cutoff = clock.instant().minus(idleTimeout);
        for (PtySession s : List.copyOf(sessions.values())) {
            if (s.lastActivity().isBefore(cutoff)) {
                sessions.remove(s.id());
                s.closeIdle();
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        for (String id : List.copyOf(sessions.keySet())) {
            close(id);
        }
    }
}
