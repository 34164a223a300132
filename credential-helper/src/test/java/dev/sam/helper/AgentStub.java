package dev.sam.helper;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/** A real HTTP agent on loopback: answers from a script, records every request. */
final class AgentStub implements AutoCloseable {
    /** One scripted answer; {@code hang} accepts the request and never answers. */
    record Answer(int status, String contentType, String body, String retryAfter, boolean hang) {
        static Answer credential(String body) {
            return new Answer(200, "text/plain", body, null, false);
        }

        static Answer error(int status, String reason, String message) {
            return new Answer(status, "application/json", "{\"reason\":\"" + reason + "\",\"message\":\"" + message + "\"}", null, false);
        }

        static Answer pending(String retryAfter) {
            return new Answer(503, "application/json", "{\"reason\":\"credentials_pending\",\"message\":\"token not minted yet\"}", retryAfter, false);
        }

        static Answer never() {
            return new Answer(0, null, null, null, true);
        }
    }

    /** What the stub saw. */
    record Request(String method, String path, String authorization, String contentType, String body) {
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private Answer fallback = Answer.credential("");

    AgentStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    AgentStub then(Answer answer) {
        synchronized (script) {
            script.add(answer);
        }
        return this;
    }

    AgentStub always(Answer answer) {
        fallback = answer;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Answer answer;
        synchronized (script) {
            answer = script.isEmpty() ? fallback : script.poll();
        }
        if (answer.hang()) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
