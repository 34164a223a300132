package dev.sam.agent.credential;

import dev.sam.agent.controlplane.ControlPlaneClient;
import dev.sam.agent.controlplane.ControlPlaneException;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.agent.workspace.WorkspaceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The agent's clock-driven work: git tokens close to expiry or still pending, and callback tokens,
 * which are exchanged well before they expire so the agent never loses its way back to the API.
 */
public final class BackgroundRefresher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackgroundRefresher.class);

    private final TokenService tokens;
    private final WorkspaceStore store;
    private final ControlPlaneClient controlPlane;
    private final Clock clock;
    private final Duration callbackRefreshBefore;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sam-refresher");
        t.setDaemon(true);
        return t;
    });

    public BackgroundRefresher(TokenService tokens, WorkspaceStore store, ControlPlaneClient controlPlane, Clock clock,
            Duration callbackRefreshBefore) {
        this.tokens = tokens;
        this.store = store;
        this.controlPlane = controlPlane;
        this.clock = clock;
        this.callbackRefreshBefore = callbackRefreshBefore;
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void runOnce() {
        try {
            tokens.refreshDue();
            refreshCallbackTokens();
        } catch (RuntimeException e) {
            LOG.errorf(e, "background refresh pass failed");
        }
    }

    private void refreshCallbackTokens() {
        Instant now = clock.instant();
        for (WorkspaceRecord r : store.all()) {
            if (r.callbackToken() == null) {
                continue;
            }
            var exp = ControlPlaneClient.CallbackToken.of(r.callbackToken()).expiresAt();
            if (exp.isEmpty() || Duration.between(now, exp.get()).compareTo(callbackRefreshBefore) >= 0) {
                continue;
            }
            try {
                var fresh = controlPlane.refreshCallbackToken(r.callbackToken());
                store.update(r.workspaceId(), x -> x.withCallbackToken(fresh.value()));
                LOG.infof("callback token of workspace %s refreshed (expires %s)", r.workspaceId(), fresh.expiresAt().orElse(null));
            } catch (ControlPlaneException e) {
                LOG.warnf("cannot refresh the callback token of workspace %s: %s", r.workspaceId(), e.reason().code());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
