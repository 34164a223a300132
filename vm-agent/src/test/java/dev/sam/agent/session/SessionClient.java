package dev.sam.agent.session;

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

/** A real websocket client (JDK {@code java.net.http}): collects text messages and the close code and reason. */
public final class SessionClient implements AutoCloseable {
    public record Closed(int code, String reason) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> all = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SessionClient(URI uri, String bearer) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        socket = b.buildAsync(uri, new WebSocket.Listener() {
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
        }).get(30, TimeUnit.SECONDS);
    }

    public static SessionClient connect(URI uri, String bearer) throws Exception {
        return new SessionClient(uri, bearer);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message, or an AssertionError after {@code timeout}. */
    public String next(Duration timeout) throws InterruptedException {
        String m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout + "; closed=" + closed.getNow(null));
        }
        return m;
    }

    /** The next message if one is waiting, else null. */
    public String poll() {
        return messages.poll();
    }

    public List<String> all() {
        return List.copyOf(all);
    }

    public Closed awaitClosed(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
    }
}
