package dev.sam.agent.credential;

import dev.sam.agent.workspace.WorkspaceCredential;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.agent.workspace.WorkspaceStore;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.credential.CredentialCodec;
import dev.sam.contract.credential.CredentialFormatException;
import dev.sam.contract.credential.CredentialMessage;
import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;
import dev.sam.contract.workspace.HelperConfigKeys;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logic behind {@code /git-credential}: the workspace is identified by its credential alone; a
 * workspace id sent by the caller is only compared against it (403 when it differs), never used
 * to choose whose token to hand out.
 */
public final class GitCredentialService {
    private static final String BEARER = "Bearer ";
    private static final String HTTPS = "https";

    private final WorkspaceStore store;
    private final TokenService tokens;
    private final Set<String> hosts = new LinkedHashSet<>();
    /** Per workspace: the last answer encoded, valid while the token is the same object and the host the same. */
    private final ConcurrentHashMap<String, EncodedAnswer> encoded = new ConcurrentHashMap<>();

    /** git's answer for {@code host} with {@code token}, as bytes. */
    private record EncodedAnswer(CachedToken token, String host, byte[] bytes) {
    }

    public GitCredentialService(WorkspaceStore store, TokenService tokens, List<String> extraHosts) {
        this.store = store;
        this.tokens = tokens;
        hosts.add(HelperConfigKeys.GITHUB_HOST);
        extraHosts.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT).strip()));
    }

    /** The workspace behind an {@code Authorization} header, if the credential is one the agent issued. */
    public Optional<WorkspaceRecord> authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return Optional.empty();
        }
        String credential = authorization.substring(BEARER.length()).strip();
        if (credential.isEmpty() || credential.length() > 256) {
            return Optional.empty();
        }
        return store.byCredentialHash(WorkspaceCredential.sha256(credential));
    }

    public CredentialAnswer get(String authorization, String claimedWorkspace, byte[] body) {
        return answer(authorization, claimedWorkspace, body, true);
    }

    /**
     * The answer when it needs no waiting (cache hit, refusal, host not served), else null: lets the
     * HTTP layer answer warm requests on the I/O thread and move only cache misses to a worker.
     */
    public CredentialAnswer getWithoutWaiting(String authorization, String claimedWorkspace, byte[] body) {
        return answer(authorization, claimedWorkspace, body, false);
    }

    private CredentialAnswer answer(String authorization, String claimedWorkspace, byte[] body, boolean mayWait) {
        Optional<WorkspaceRecord> ws = authenticate(authorization);
        if (ws.isEmpty()) {
            return unauthenticated();
        }
        if (claimedWorkspace != null && !claimedWorkspace.equals(ws.get().workspaceId())) {
            return CredentialAnswer.error(403, ErrorBody.of(Reason.FORBIDDEN, "this credential belongs to another workspace"), Optional.empty());
        }
        CredentialMessage request;
        try {
            request = CredentialCodec.read(body);
        } catch (CredentialFormatException e) {
            return CredentialAnswer.error(400, ErrorBody.of(Reason.INVALID_REQUEST, "not git's credential format: " + e.getMessage()), Optional.empty());
        }
        if (!served(request)) {
            // Not a host SAM serves: "no credential", so git asks the next helper or the user.
            return CredentialAnswer.ok(new byte[0]);
        }
        TokenOutcome outcome;
        if (mayWait) {
            outcome = tokens.token(ws.get().workspaceId());
        } else {
            Optional<CachedToken> cached = tokens.servable(ws.get().workspaceId());
            if (cached.isEmpty()) {
                return null;
            }
            outcome = TokenOutcome.of(cached.get());
        }
        if (outcome.token().isPresent()) {
            return CredentialAnswer.ok(encode(ws.get().workspaceId(), request.host().orElseThrow(), outcome.token().get()));
        }
        return refusal(outcome);
    }

    /**
     * The answer's bytes, encoded once per token and host: a warm request then costs a lookup, not a
     * message build and a character check of every value. A refreshed or erased token is a new
     * object (or none), so a stale encoding is never served.
     */
    private byte[] encode(String workspaceId, String host, CachedToken t) {
        EncodedAnswer e = encoded.get(workspaceId);
        if (e != null && e.token() == t && e.host().equals(host)) {
            return e.bytes();
        }
        CredentialMessage answer = CredentialMessage.builder()
                .add(CredentialMessage.PROTOCOL, HTTPS)
                .add(CredentialMessage.HOST, host)
                .add(CredentialMessage.USERNAME, AgentPaths.TOKEN_USERNAME)
                .add(CredentialMessage.PASSWORD, t.token())
                .add(CredentialMessage.PASSWORD_EXPIRY_UTC, t.expiresAt().getEpochSecond())
                .build();
        byte[] bytes = CredentialCodec.toBytes(answer);
        encoded.put(workspaceId, new EncodedAnswer(t, host, bytes));
        return bytes;
    }

    public CredentialAnswer erase(String authorization, String claimedWorkspace) {
        Optional<WorkspaceRecord> ws = authenticate(authorization);
        if (ws.isEmpty()) {
            return unauthenticated();
        }
        if (claimedWorkspace != null && !claimedWorkspace.equals(ws.get().workspaceId())) {
            return CredentialAnswer.error(403, ErrorBody.of(Reason.FORBIDDEN, "this credential belongs to another workspace"), Optional.empty());
        }
        tokens.invalidate(ws.get().workspaceId());
        encoded.remove(ws.get().workspaceId());
        return CredentialAnswer.ok(new byte[0]);
    }

    static CredentialAnswer refusal(TokenOutcome outcome) {
        Reason r = outcome.reason();
        if (r == Reason.INTERNAL_ERROR) {
            return CredentialAnswer.error(500, ErrorBody.of(r, "the agent could not get a token"), Optional.empty());
        }
        if (r.permanent()) {
            return CredentialAnswer.error(403, ErrorBody.of(r, "the control plane refuses a token: " + r.code()), Optional.empty());
        }
        long retry = outcome.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(5L);
        return CredentialAnswer.error(503, ErrorBody.of(Reason.CREDENTIALS_PENDING, "no token yet (" + r.code() + "), retry later"),
                Optional.of(retry));
    }

    private boolean served(CredentialMessage request) {
        if (!request.protocol().map(HTTPS::equals).orElse(false)) {
            return false;
        }
        String host = request.host().orElse("").toLowerCase(Locale.ROOT);
        if (host.endsWith(":443")) {
            host = host.substring(0, host.length() - 4);
        }
        return hosts.contains(host);
    }

    private static CredentialAnswer unauthenticated() {
        return CredentialAnswer.error(401, ErrorBody.of(Reason.UNAUTHENTICATED, "missing or unknown workspace credential"), Optional.empty());
    }
}
