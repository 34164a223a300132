package dev.sam.contract.session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client for the VM agent's session endpoints (PTY and ACP): a JDK websocket with the session
 * token on the upgrade request (never in the URL), collecting text messages and how the agent
 * closed the socket. Used by the demo's terminal and by the agent's and the e2e suite's tests.
 */
public final class SessionSocket implements AutoCloseable {
    /** How the agent closed the socket. */
    public record Closed(int code, String reason) {
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> all = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SessionSocket(URI uri, String bearer) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        socket = builder.buildAsync(uri, new Collector()).get(30, TimeUnit.SECONDS);
    }

    /** Opens a session socket; {@code bearer} null sends no token (to test refusals). */
    public static SessionSocket connect(URI uri, String bearer) {
        try {
            return new SessionSocket(uri, bearer);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + uri + ": " + e, e);
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message, or null after {@code timeout}. */
    public String next(Duration timeout) {
        try {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next message; an {@link IllegalStateException} saying how the socket stands after {@code timeout}. */
    public String take(Duration timeout) {
        String m = next(timeout);
        if (m == null) {
            throw new IllegalStateException("no message within " + timeout + "; closed=" + closed.getNow(null));
        }
        return m;
    }

    /** The next message if one is waiting, else null. */
    public String poll() {
        return messages.poll();
    }

    /** Every message received so far, in order. */
    public List<String> all() {
        return List.copyOf(all);
    }

    public CompletableFuture<Closed> closed() {
        return closed;
    }

    public Closed awaitClosed(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Sends a normal close and waits for the agent's, aborting the connection if it does not come. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
        try {
            closed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String m = partial.toString();
                partial.setLength(0);
                all.add(m);
                messages.add(m);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
