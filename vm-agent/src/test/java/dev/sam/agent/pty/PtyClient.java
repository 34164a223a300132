package dev.sam.agent.pty;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.agent.TestAgents;
import dev.sam.contract.session.SessionSocket;
import dev.sam.contract.pty.PtyFrame;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** A terminal client over a real websocket: speaks {@link PtyFrame} JSON, keeps all output and the exit code. */
public final class PtyClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final SessionSocket socket;
    private final StringBuffer output = new StringBuffer();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private PtyClient(SessionSocket socket) {
        this.socket = socket;
        Thread t = new Thread(this::read, "pty-client");
        t.setDaemon(true);
        t.start();
    }

    public static PtyClient connect(URI uri, String bearer) throws Exception {
        return new PtyClient(SessionSocket.connect(uri, bearer));
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                PtyFrame f = JSON.readValue(socket.take(Duration.ofMinutes(10)), PtyFrame.class);
                if (PtyFrame.OUTPUT.equals(f.type())) {
                    output.append(f.data());
                } else if (PtyFrame.EXIT.equals(f.type())) {
                    exit.complete(f.code());
                    return;
                }
            }
        } catch (Exception | AssertionError e) {
            exit.completeExceptionally(e);
        }
    }

    public void type(String keys) throws Exception {
        socket.send(JSON.writeValueAsString(PtyFrame.input(keys)));
    }

    public void resize(int cols, int rows) throws Exception {
        socket.send(JSON.writeValueAsString(PtyFrame.resize(cols, rows)));
    }

    public String output() {
        return output.toString();
    }

    public int length() {
        return output.length();
    }

    public String await(Predicate<String> condition) {
        TestAgents.await("terminal output; so far: " + output, Duration.ofSeconds(90), () -> condition.test(output.toString()));
        return output.toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
