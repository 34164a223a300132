package dev.sam.helper;

import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.credential.CredentialCodec;
import dev.sam.contract.credential.CredentialFormatException;
import dev.sam.contract.credential.CredentialMessage;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;

/**
 * Talks to the VM agent's {@link AgentPaths} endpoints with the workspace credential. Every call
 * is bounded by one {@link Deadline}; it retries once, and only where a retry can help: connection
 * refused (the agent restarting) or 503 with a {@code Retry-After} that fits in {@link #RETRY_CAP_MILLIS}.
 */
public final class AgentClient {
    /** Whole-command bound: git and the login shell wait for us, so we never take longer. */
    public static final long TIME_BOUND_MILLIS = 10_000;
    /**
     * What the agent may take of that bound, counted from when the command starts talking to it; the
     * rest is for the JVM's start before it and exit after (40–90 ms at rest, several hundred under
     * load), so the process as git sees it ends within {@link #TIME_BOUND_MILLIS}.
     */
    public static final long AGENT_BUDGET_MILLIS = 9_000;
    /** Longest wait before the one retry; a longer Retry-After means "not now", so we fail fast. */
    public static final long RETRY_CAP_MILLIS = 2_000;
    /** Wait before retrying a refused connection or a 503 without Retry-After. */
    static final long DEFAULT_RETRY_MILLIS = 250;
    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private final AgentHttp http;
    private final Deadline deadline;

    public AgentClient(AgentEndpoint endpoint, String bearer, Deadline deadline) {
        this.http = new AgentHttp(endpoint, bearer);
        this.deadline = deadline;
    }

    /** Asks for a token for {@code request} (only its protocol, host and path are sent). */
    public AgentResult credential(CredentialMessage request) {
        CredentialMessage.Builder body = CredentialMessage.builder();
        copy(request, CredentialMessage.PROTOCOL, body);
        copy(request, CredentialMessage.HOST, body);
        copy(request, CredentialMessage.PATH, body);
        Object answer = exchange("POST", AgentPaths.GIT_CREDENTIAL, CredentialCodec.toBytes(body.build()));
        if (!(answer instanceof HttpAnswer ok)) {
            return (AgentResult) answer;
        }
        if (ok.bodyText().isBlank()) {
            return new AgentResult.NoCredential();
        }
        CredentialMessage message;
        try {
            message = CredentialCodec.read(ok.body());
        } catch (CredentialFormatException e) {
            return new AgentResult.Refused(ok.status(), Reason.INTERNAL_ERROR.code(), "agent answer is not in git's credential format");
        }
        String password = message.password().orElse("").strip();
        if (password.isEmpty()) {
            return new AgentResult.Refused(ok.status(), Reason.INTERNAL_ERROR.code(), "agent answered without a password");
        }
        return new AgentResult.Token(password, message.passwordExpiryUtc().orElse(-1));
    }

    /** Drops the agent's cached token; the result only matters to {@code doctor}-style callers. */
    public AgentResult erase() {
        Object answer = exchange("POST", AgentPaths.GIT_CREDENTIAL_ERASE, new byte[0]);
        return answer instanceof HttpAnswer ? new AgentResult.NoCredential() : (AgentResult) answer;
    }

    /** The agent's JSON status ({@code CredentialStatus} fields as strings), or the failure. */
    public Object status() {
        Object answer = exchange("GET", AgentPaths.GIT_CREDENTIAL_STATUS, new byte[0]);
        if (!(answer instanceof HttpAnswer ok)) {
            return answer;
        }
        try {
            return FlatJson.parse(ok.bodyText());
        } catch (IllegalArgumentException e) {
            return new AgentResult.Refused(ok.status(), Reason.INTERNAL_ERROR.code(), "agent status is not a flat JSON object");
        }
    }

    /** A 200 {@link HttpAnswer}, or an {@link AgentResult} saying why there is none. */
    private Object exchange(String method, String path, byte[] body) {
        Object first = once(method, path, body);
        long wait = retryDelay(first);
        if (wait < 0 || wait + AgentHttp.CONNECT_TIMEOUT_MILLIS > deadline.remainingMillis()) {
            return finish(first);
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(first);
        }
        return finish(once(method, path, body));
    }

    private Object once(String method, String path, byte[] body) {
        HttpAnswer answer;
        try {
            answer = http.send(method, path, body.length == 0 && "GET".equals(method) ? null : TEXT_PLAIN, body, deadline);
        } catch (ConnectException e) {
            return new Refusal("connection refused");
        } catch (java.net.SocketTimeoutException e) {
            return new AgentResult.Unreachable("no answer within " + AGENT_BUDGET_MILLIS / 1000 + " s");
        } catch (IOException e) {
            return new AgentResult.Unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (answer.status() == 200) {
            return answer;
        }
        return new Rejection(refusal(answer), answer.header("retry-after"));
    }

    /** Milliseconds to wait before the one retry, or -1 when retrying cannot help. */
    private static long retryDelay(Object first) {
        // Jitter without java.util.Random: one clock read is enough to spread simultaneous callers.
        long jitter = Math.floorMod(System.nanoTime(), 100L);
        if (first instanceof Refusal) {
            return DEFAULT_RETRY_MILLIS + jitter;
        }
        if (first instanceof Rejection r && r.result().status() == 503) {
            if (r.retryAfter() == null) {
                return DEFAULT_RETRY_MILLIS + jitter;
            }
            try {
                long millis = Long.parseLong(r.retryAfter().trim()) * 1000;
                return millis >= 0 && millis <= RETRY_CAP_MILLIS ? millis + jitter : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static AgentResult.Refused refusal(HttpAnswer answer) {
        String reason = null;
        String message = null;
        try {
            Map<String, String> json = FlatJson.parse(answer.bodyText());
            reason = json.get("reason");
            message = json.get("message");
        } catch (IllegalArgumentException e) {
            // Not our JSON (a proxy's page, say): fall back on the status code below.
        }
        if (reason == null || reason.isBlank()) {
            reason = switch (answer.status()) {
                case 401 -> Reason.UNAUTHENTICATED.code();
                case 403 -> Reason.FORBIDDEN.code();
                case 503 -> Reason.CREDENTIALS_PENDING.code();
                default -> Reason.INTERNAL_ERROR.code();
            };
        }
        return new AgentResult.Refused(answer.status(), reason, message == null ? "HTTP " + answer.status() : message);
    }

    private static void copy(CredentialMessage from, String key, CredentialMessage.Builder to) {
        // A loop, not a lambda: each lambda costs class spinning at start-up.
        String value = from.get(key).orElse(null);
        if (value != null) {
            to.add(key, value);
        }
    }

    /** Connection refused: an {@link AgentResult.Unreachable} that may be retried. */
    private static final class Refusal {
        private final String message;

        Refusal(String message) {
            this.message = message;
        }
    }

    private record Rejection(AgentResult.Refused result, String retryAfter) {
    }

    /** Turns the internal retry markers into the public result; a 200 answer passes through. */
    private static Object finish(Object outcome) {
        if (outcome instanceof Refusal r) {
            return new AgentResult.Unreachable(r.message);
        }
        if (outcome instanceof Rejection r) {
            return r.result();
        }
        return outcome;
    }
}
