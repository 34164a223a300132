package dev.sam.agent.provision;

import dev.sam.agent.controlplane.Backoff;
import dev.sam.agent.controlplane.ControlPlaneClient;
import dev.sam.agent.controlplane.ControlPlaneException;
import dev.sam.agent.credential.CachedToken;
import dev.sam.agent.credential.TokenOutcome;
import dev.sam.agent.credential.TokenService;
import dev.sam.agent.runtime.WorkspaceRuntime;
import dev.sam.agent.workspace.WorkspaceCredential;
import dev.sam.agent.workspace.WorkspaceId;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.agent.workspace.WorkspaceStore;
import dev.sam.bootstrap.BootstrapException;
import dev.sam.bootstrap.env.EnvValues;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * Provisions workspaces asynchronously: the git token (bounded jittered backoff) fetched while the
 * directories are made, then the files written once, with the token when there is one (read back),
 * the state persisted, and the report to the control plane. A token that cannot be had yet leaves
 * the workspace ready with credentials pending and says so (WARN log, report body,
 * {@code GET /workspaces/{id}}); a permanent reason fails it.
 */
public final class ProvisioningService {
    private static final Logger LOG = Logger.getLogger(ProvisioningService.class);

    private final WorkspaceStore store;
    private final WorkspaceRuntime runtime;
    private final WorkspaceFiles files;
    private final TokenService tokens;
    private final ControlPlaneClient controlPlane;
    private final ExecutorService executor;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Duration backoffTotal;
    private final int reportAttempts;

    public ProvisioningService(WorkspaceStore store, WorkspaceRuntime runtime, WorkspaceFiles files, TokenService tokens,
            ControlPlaneClient controlPlane, ExecutorService executor, Duration backoffInitial, Duration backoffMax,
            Duration backoffTotal, int reportAttempts) {
        this.store = store;
        this.runtime = runtime;
        this.files = files;
        this.tokens = tokens;
        this.controlPlane = controlPlane;
        this.executor = executor;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.backoffTotal = backoffTotal;
        this.reportAttempts = reportAttempts;
        // While a workspace is being created, provisioning writes its files itself (once, with the token).
        tokens.setListener((id, token) -> store.get(id).filter(r -> !WorkspaceStatus.CREATING.equals(r.state()))
                .ifPresent(r -> rewriteQuietly(r, token)));
    }

    /**
     * Accepts a request; a repeat for a known workspace only refreshes its callback token, and one
     * that names another repository, branch or env for it is refused rather than silently ignored.
     */
    public WorkspaceStatus accept(ProvisionRequest request) {
        long received = System.nanoTime();
        validate(request);
        String credential = WorkspaceCredential.generate();
        WorkspaceRecord fresh = new WorkspaceRecord(request.workspaceId(), request.repository(), request.branch(), request.env(),
                request.callbackToken(), WorkspaceCredential.sha256(credential), WorkspaceStatus.CREATING, null);
        WorkspaceRecord stored = store.putIfAbsent(fresh);
        if (stored == fresh) {
            LOG.infof("provisioning workspace %s (%s)", request.workspaceId(), request.repository());
            long accepted = System.nanoTime();
            LOG.debugf("workspace %s: accepted in %d ms", request.workspaceId(), ms(accepted - received));
            executor.execute(() -> provision(request.workspaceId(), credential, accepted));
        } else if (!sameWorkspace(stored, request)) {
            throw new WorkspaceConflictException("workspace " + stored.workspaceId()
                    + " exists on this node with another repository, branch or env");
        } else if (request.callbackToken() != null && !request.callbackToken().equals(stored.callbackToken())) {
            store.update(stored.workspaceId(), r -> r.withCallbackToken(request.callbackToken()));
        }
        return status(request.workspaceId()).orElseThrow();
    }

    /** After a restart: finish what was being created; ready workspaces get their token from the refresher. */
    public void resume() {
        for (WorkspaceRecord r : store.all()) {
            if (WorkspaceStatus.CREATING.equals(r.state())) {
                executor.execute(() -> {
                    String credential;
                    try {
                        credential = files.existingCredential(r);
                    } catch (IOException e) {
                        // Stopped before the files were written: nobody holds the old credential yet.
                        credential = WorkspaceCredential.generate();
                        String sha = WorkspaceCredential.sha256(credential);
                        store.update(r.workspaceId(), x -> x.withCredentialSha256(sha));
                    }
                    provision(r.workspaceId(), credential, System.nanoTime());
                });
            }
        }
    }

    public Optional<WorkspaceStatus> status(String workspaceId) {
        return store.get(workspaceId).map(r -> new WorkspaceStatus(r.workspaceId(), r.state(), tokens.state(r.workspaceId()),
                tokens.reason(r.workspaceId()).map(Reason::code).orElse(r.failureReason()),
                tokens.cached(r.workspaceId()).map(t -> t.expiresAt().toString()).orElse(null)));
    }

    private void provision(String id, String credential, long accepted) {
        long start = System.nanoTime();
        // The first token fetch runs while the directories are made: neither needs the other.
        CompletableFuture<TokenOutcome> firstFetch = tokens.fetch(id);
        try {
            runtime.prepare(id);
        } catch (IOException | RuntimeException e) {
            firstFetch.join();
            failWithoutFiles(id, e);
            return;
        }
        long prepared = System.nanoTime();
        TokenOutcome outcome = fetchWithBackoff(id, firstFetch);
        long fetched = System.nanoTime();
        try {
            // Written once: with the token when there is one, without it (and saying so) when there is not.
            files.write(store.get(id).orElseThrow(), credential, outcome.token());
        } catch (IOException | RuntimeException e) {
            failWithoutFiles(id, e);
            return;
        }
        long written = System.nanoTime();
        if (outcome.token().isPresent()) {
            tokens.seed(id, outcome.token().get());
            ready(id, () -> phases(id, accepted, start, prepared, fetched, written));
        } else if (outcome.reason().permanent()) {
            tokens.markFailed(id, outcome.reason(), true);
            fail(id, outcome.reason(), "the control plane refused a git token: " + outcome.reason().code());
        } else {
            LOG.warnf("workspace %s is ready without a git token (credentials pending: %s); retrying in the background",
                    id, tokens.reason(id).map(Reason::code).orElse(outcome.reason().code()));
            ready(id, () -> phases(id, accepted, start, prepared, fetched, written));
        }
    }

    /** Where one provisioning's time went, for the DEBUG log (see docs/vm-agent.md, Benchmarks). */
    private static void phases(String id, long accepted, long start, long prepared, long fetched, long written) {
        long now = System.nanoTime();
        LOG.debugf("workspace %s: queued %d ms, directories %d ms, token %d ms, files %d ms, state %d ms", id,
                ms(start - accepted), ms(prepared - start), ms(fetched - prepared), ms(written - fetched), ms(now - written));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private TokenOutcome fetchWithBackoff(String id, CompletableFuture<TokenOutcome> firstFetch) {
        Backoff backoff = new Backoff(backoffInitial, backoffMax, backoffTotal);
        CompletableFuture<TokenOutcome> fetch = firstFetch;
        while (true) {
            TokenOutcome outcome = fetch.join();
            if (outcome.token().isPresent() || outcome.reason().permanent()) {
                return outcome;
            }
            Optional<Duration> delay = backoff.next(outcome.retryAfter().filter(d -> d.compareTo(backoffMax) <= 0));
            if (delay.isEmpty()) {
                return outcome;
            }
            sleep(delay.get());
            fetch = tokens.fetch(id);
        }
    }

    private void ready(String id, Runnable persisted) {
        WorkspaceRecord r = store.update(id, x -> x.withState(WorkspaceStatus.READY, null));
        if (LOG.isDebugEnabled()) {
            persisted.run();
        }
        report(r, true, null);
    }

    /**
     * The workspace's files could not be made or written: no file carries the token, so it is
     * neither shown as live nor kept, nor refreshed in the background.
     */
    private void failWithoutFiles(String id, Exception e) {
        LOG.errorf("provisioning workspace %s failed: %s", id, e.getMessage());
        tokens.invalidate(id);
        tokens.markFailed(id, Reason.PROVISIONING_FAILED, true);
        fail(id, Reason.PROVISIONING_FAILED, e.getMessage());
    }

    private void fail(String id, Reason reason, String message) {
        WorkspaceRecord r = store.update(id, x -> x.withState(WorkspaceStatus.FAILED, reason.code()));
        report(r, false, ErrorBody.of(reason, message == null ? reason.code() : message));
    }

    private void report(WorkspaceRecord r, boolean ready, ErrorBody error) {
        Backoff backoff = new Backoff(backoffInitial, backoffMax, backoffTotal);
        for (int attempt = 1; ; attempt++) {
            try {
                if (ready) {
                    controlPlane.reportReady(r.workspaceId(), r.callbackToken(), status(r.workspaceId()).orElseThrow());
                } else {
                    controlPlane.reportFailed(r.workspaceId(), r.callbackToken(), error);
                }
                return;
            } catch (ControlPlaneException e) {
                Optional<Duration> delay = backoff.next(e.retryAfter());
                if (!e.retryable() || attempt >= reportAttempts || delay.isEmpty()) {
                    LOG.errorf("cannot report workspace %s as %s to the control plane: %s", r.workspaceId(),
                            ready ? "ready" : "failed", e.getMessage());
                    return;
                }
                sleep(delay.get());
            }
        }
    }

    private void rewriteQuietly(WorkspaceRecord r, CachedToken token) {
        try {
            files.rewrite(r, token);
        } catch (IOException e) {
            throw new IllegalStateException("cannot rewrite the files of workspace " + r.workspaceId() + ": " + e.getMessage(), e);
        }
    }

    /** At most {@code max} characters, none of them a control character. */
    private static boolean plainText(String s, int max) {
        return s.length() <= max && s.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static boolean sameWorkspace(WorkspaceRecord stored, ProvisionRequest request) {
        return stored.repository().equals(request.repository())
                && orEmpty(stored.branch()).equals(orEmpty(request.branch()))
                && stored.env().equals(request.env());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void validate(ProvisionRequest request) {
        if (!WorkspaceId.isValid(request.workspaceId())) {
            throw new InvalidRequestException("workspaceId must match [A-Za-z0-9][A-Za-z0-9._-]{0,63} without '..'");
        }
        if (request.repository().isBlank() || !plainText(request.repository(), 200)) {
            throw new InvalidRequestException("repository is empty, too long or has control characters");
        }
        if (request.branch() != null && !plainText(request.branch(), 255)) {
            throw new InvalidRequestException("branch is too long or has control characters");
        }
        if (request.callbackToken() == null || request.callbackToken().isBlank()) {
            throw new InvalidRequestException("callbackToken is required");
        }
        try {
            // Refused now, with its reason, rather than accepted and failed as provisioning_failed later.
            EnvValues.checkRequest(request.env(), request.repository(), request.branch());
        } catch (BootstrapException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
