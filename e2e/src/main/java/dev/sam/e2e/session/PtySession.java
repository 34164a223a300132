package dev.sam.e2e.session;

import dev.sam.contract.session.SessionSocket;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.pty.PtyFrame;
import dev.sam.contract.session.SessionPaths;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A terminal on the agent's PTY endpoint, driven like a person at a keyboard: each command is typed
 * followed by printed markers, and its output is what the terminal shows between them. Echo is
 * switched off first so typed text does not mix into the output.
 */
public final class PtySession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private final SessionSocket socket;
    private final StringBuilder screen = new StringBuilder();

    /** Output and exit code of one command typed into the terminal. */
    public record Typed(int exitCode, String output) {
    }

    private PtySession(SessionSocket socket) {
        this.socket = socket;
    }

    /** Opens a terminal ({@code shell} from {@code PtyShells}, null for the default login shell). */
    public static PtySession open(URI agentUrl, String workspaceId, String sessionToken, String shell) {
        String path = SessionPaths.pty(workspaceId) + (shell == null ? "" : "?" + SessionPaths.QUERY_SHELL + "=" + shell);
        URI uri = URI.create("ws://" + agentUrl.getAuthority() + path);
        PtySession s = new PtySession(SessionSocket.connect(uri, sessionToken));
        s.type("stty -echo; export PS1='$ ' PROMPT_COMMAND=''", Duration.ofSeconds(60));
        return s;
    }

    /** Types {@code command} and waits for its exit code; the output has CRs and trailing line breaks removed. */
    public Typed type(String command, Duration timeout) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        // The markers are printed from two pieces so an echoed command line never matches them.
        String line = "printf '%s%s\\n' '__BEGIN_' '" + id + "__'; " + command
                + "; printf '\\n%s%s:%s\\n' '__END_' '" + id + "__' \"$?\"\r";
        send(PtyFrame.input(line));
        String begin = "__BEGIN_" + id + "__\n";
        String end = "__END_" + id + "__:";
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String text = screen.toString().replace("\r", "");
            int b = text.indexOf(begin);
            int e = b < 0 ? -1 : text.indexOf(end, b);
            int nl = e < 0 ? -1 : text.indexOf('\n', e);
            if (nl > 0) {
                // Trailing line breaks are dropped: the end marker starts on a line of its own.
                String output = text.substring(b + begin.length(), e).replaceAll("\n+$", "");
                int code = Integer.parseInt(text.substring(e + end.length(), nl).trim());
                screen.setLength(0);
                screen.append(text.substring(nl + 1));
                return new Typed(code, output);
            }
            receive(Duration.ofMillis(200));
            if (socket.closed().isDone()) {
                throw new IllegalStateException("the terminal closed: " + socket.closed().getNow(null) + "\n" + screen);
            }
        }
        throw new IllegalStateException("no answer within " + timeout.toSeconds() + " s to: " + command + "\nscreen: " + screen);
    }

    public void resize(int cols, int rows) {
        send(PtyFrame.resize(cols, rows));
    }

    private void receive(Duration wait) {
        String m = socket.next(wait);
        while (m != null) {
            try {
                JsonNode frame = JSON.readTree(m);
                if (PtyFrame.OUTPUT.equals(frame.path("type").asText())) {
                    screen.append(frame.path("data").asText());
                }
            } catch (IOException e) {
                throw new IllegalStateException("not a terminal frame: " + m, e);
            }
            m = socket.next(Duration.ZERO);
        }
    }

    private void send(PtyFrame frame) {
        try {
            socket.send(JSON.writerFor(PtyFrame.class).writeValueAsString(frame));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
