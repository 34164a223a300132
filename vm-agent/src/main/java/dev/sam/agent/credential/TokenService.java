package dev.sam.agent.credential;

import dev.sam.agent.controlplane.Backoff;
import dev.sam.agent.controlplane.ControlPlaneClient;
import dev.sam.agent.controlplane.ControlPlaneException;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.agent.workspace.WorkspaceStore;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.api.GitTokenResponse;
import dev.sam.contract.error.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Per-workspace token cache. A token is served only with at least {@code serveMargin} left;
 * under {@code refreshMargin} a refresh starts in the background. Concurrent misses for one
 * workspace share one fetch (single flight). The bearer for the fetch is that workspace's own
 * callback token (or the node token): the workspace id comes from the agent's record, never
 * from a caller.
 */
public final class TokenService {
    private static final Logger LOG = Logger.getLogger(TokenService.class);

    /** Mutable per-workspace cache state. */
    static final class Entry {
        volatile CachedToken cached;
        volatile CompletableFuture<TokenOutcome> inFlight;
        volatile String state = WorkspaceStatus.CREDENTIALS_PENDING;
        volatile Reason reason;
        volatile Instant nextBackgroundAttempt = Instant.EPOCH;
        volatile Backoff backgroundBackoff;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ControlPlaneClient controlPlane;
    private final WorkspaceStore store;
    private final Supplier<Optional<String>> nodeToken;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Duration serveMargin;
    private final Duration fetchWait;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final AgentMetrics metrics;
    private final Executor executor;
    private volatile TokenListener listener = (id, t) -> { };

    public TokenService(ControlPlaneClient controlPlane, WorkspaceStore store, Supplier<Optional<String>> nodeToken, Clock clock,
            Duration refreshMargin, Duration serveMargin, Duration fetchWait, Duration backoffInitial, Duration backoffMax,
            AgentMetrics metrics, Executor executor) {
        this.controlPlane = controlPlane;
        this.store = store;
        this.nodeToken = nodeToken;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.serveMargin = serveMargin;
        this.fetchWait = fetchWait;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.metrics = metrics;
        this.executor = executor;
    }

    public void setListener(TokenListener listener) {
        this.listener = listener;
    }

    /** The cached token when it can be served without waiting (starting a background refresh when due). */
    public Optional<CachedToken> servable(String workspaceId) {
        Entry e = entry(workspaceId);
        CachedToken c = e.cached;
        Instant now = clock.instant();
        if (c != null && c.remaining(now).compareTo(serveMargin) >= 0) {
            metrics.hit();
            if (c.remaining(now).compareTo(refreshMargin) < 0) {
                fetch(workspaceId);
            }
            return Optional.of(c);
        }
        return Optional.empty();
    }

    /** A token for {@code workspaceId} with at least the serving margin left, fetching once if needed (may block). */
    public TokenOutcome token(String workspaceId) {
        Optional<CachedToken> cached = servable(workspaceId);
        if (cached.isPresent()) {
            return TokenOutcome.of(cached.get());
        }
        Entry e = entry(workspaceId);
        metrics.miss();
        if (WorkspaceStatus.CREDENTIALS_FAILED.equals(e.state) && e.reason != null) {
            // A permanent reason is not retried per request; the background or a new provisioning retries.
            return TokenOutcome.refused(e.reason, Optional.empty());
        }
        try {
            return fetch(workspaceId).get(fetchWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            return TokenOutcome.refused(Reason.CREDENTIALS_PENDING, Optional.of(Duration.ofSeconds(5)));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return TokenOutcome.refused(Reason.CREDENTIALS_PENDING, Optional.of(Duration.ofSeconds(5)));
        } catch (ExecutionException ex) {
            return TokenOutcome.refused(Reason.INTERNAL_ERROR, Optional.empty());
        }
    }

    /** Starts a fetch unless one is running; every caller gets the same outcome. */
    public CompletableFuture<TokenOutcome> fetch(String workspaceId) {
        Entry e = entry(workspaceId);
        synchronized (e) {
            CompletableFuture<TokenOutcome> running = e.inFlight;
            if (running != null) {
                return running;
            }
            CompletableFuture<TokenOutcome> f = new CompletableFuture<>();
            e.inFlight = f;
            executor.execute(() -> {
                TokenOutcome outcome;
                try {
                    outcome = fetchNow(workspaceId, e);
                } catch (RuntimeException ex) {
                    LOG.errorf(ex, "token fetch for workspace %s failed unexpectedly", workspaceId);
                    outcome = TokenOutcome.refused(Reason.INTERNAL_ERROR, Optional.empty());
                }
                synchronized (e) {
                    e.inFlight = null;
                }
                f.complete(outcome);
            });
            return f;
        }
    }

    private TokenOutcome fetchNow(String workspaceId, Entry e) {
        Optional<WorkspaceRecord> record = store.get(workspaceId);
        if (record.isEmpty()) {
            return TokenOutcome.refused(Reason.WORKSPACE_NOT_FOUND, Optional.empty());
        }
        String bearer = record.get().callbackToken() != null ? record.get().callbackToken() : nodeToken.get().orElse("");
        long start = System.nanoTime();
        try {
            GitTokenResponse r = controlPlane.gitToken(workspaceId, bearer);
            metrics.fetched((System.nanoTime() - start) / 1_000_000);
            CachedToken fresh = new CachedToken(r.token(), r.expiresAt());
            if (fresh.remaining(clock.instant()).compareTo(serveMargin) < 0) {
                // The API's own cache handed us a nearly dead token: do not serve it, try again soon.
                LOG.warnf("control plane returned a token for workspace %s that expires at %s, inside the serving margin",
                        workspaceId, r.expiresAt());
                return failed(e, workspaceId, new ControlPlaneException(Reason.CREDENTIALS_PENDING, 200, Optional.empty(),
                        "token too close to expiry"));
            }
            try {
                listener.tokenChanged(workspaceId, fresh);
            } catch (Exception ex) {
                LOG.errorf("cannot write the new token into workspace %s: %s", workspaceId, ex.getMessage());
                return failed(e, workspaceId, new ControlPlaneException(Reason.INTERNAL_ERROR, 0, Optional.empty(), ex.getMessage()));
            }
            e.cached = fresh;
            e.state = WorkspaceStatus.CREDENTIALS_LIVE;
            e.reason = null;
            e.backgroundBackoff = null;
            return TokenOutcome.of(fresh);
        } catch (ControlPlaneException ex) {
            return failed(e, workspaceId, ex);
        }
    }

    private TokenOutcome failed(Entry e, String workspaceId, ControlPlaneException ex) {
        metrics.failed(ex.reason());
        e.reason = ex.reason();
        boolean permanent = !ex.retryable();
        CachedToken c = e.cached;
        boolean stillServable = c != null && c.remaining(clock.instant()).compareTo(serveMargin) >= 0;
        if (!stillServable) {
            e.state = permanent ? WorkspaceStatus.CREDENTIALS_FAILED : WorkspaceStatus.CREDENTIALS_PENDING;
        }
        Backoff b = e.backgroundBackoff;
        if (b == null) {
            b = new Backoff(backoffInitial, backoffMax, Duration.ofDays(365));
            e.backgroundBackoff = b;
        }
        Duration delay = b.next(ex.retryAfter()).orElse(backoffMax);
        e.nextBackgroundAttempt = clock.instant().plus(delay);
        LOG.warnf("no git token for workspace %s: %s (%s)", workspaceId, ex.reason().code(), ex.getMessage());
        if (stillServable) {
            return TokenOutcome.of(c);
        }
        if (permanent) {
            return TokenOutcome.refused(ex.reason(), Optional.empty());
        }
        return TokenOutcome.refused(Reason.CREDENTIALS_PENDING, Optional.of(delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay));
    }

    /** One pass of the background refresher: refresh what is close to expiry, retry what is pending. */
    public void refreshDue() {
        Instant now = clock.instant();
        for (WorkspaceRecord r : store.all()) {
            if (!r.ready()) {
                continue;
            }
            Entry e = entry(r.workspaceId());
            if (WorkspaceStatus.CREDENTIALS_FAILED.equals(e.state)) {
                continue;
            }
            CachedToken c = e.cached;
            boolean due = c == null || c.remaining(now).compareTo(refreshMargin) < 0;
            if (due && !now.isBefore(e.nextBackgroundAttempt)) {
                fetch(r.workspaceId());
            }
        }
    }

    /** git's {@code erase}: the next request fetches afresh. */
    public void invalidate(String workspaceId) {
        entry(workspaceId).cached = null;
    }

    /** Puts a token obtained during provisioning into the cache (provisioning already wrote the files). */
    public void seed(String workspaceId, CachedToken token) {
        Entry e = entry(workspaceId);
        e.cached = token;
        e.state = WorkspaceStatus.CREDENTIALS_LIVE;
        e.reason = null;
    }

    public void markFailed(String workspaceId, Reason reason, boolean permanent) {
        Entry e = entry(workspaceId);
        e.reason = reason;
        e.state = permanent ? WorkspaceStatus.CREDENTIALS_FAILED : WorkspaceStatus.CREDENTIALS_PENDING;
    }

    public String state(String workspaceId) {
        return entry(workspaceId).state;
    }

    public Optional<Reason> reason(String workspaceId) {
        return Optional.ofNullable(entry(workspaceId).reason);
    }

    public Optional<CachedToken> cached(String workspaceId) {
        return Optional.ofNullable(entry(workspaceId).cached);
    }

    private Entry entry(String workspaceId) {
        return entries.computeIfAbsent(workspaceId, k -> new Entry());
    }
}
