package dev.sam.e2e.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.pty.PtyFrame;
import dev.sam.contract.session.SessionPaths;
import dev.sam.contract.session.SessionSocket;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./sam demo --shell}: this process's terminal attached to a workspace terminal on the VM
 * agent's PTY endpoint. The local terminal is put in raw mode ({@code stty raw -echo}) so every key
 * goes to the remote shell, and restored on exit; window size changes (SIGWINCH) become resize frames.
 */
final class TerminalClient {
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * Typed after piped input ends: a newline to finish a last line without one, then {@code exit}.
     * Not Ctrl-D: typed ahead while the shell is still starting, the terminal turns it into an
     * end-of-file mark that readline's switch to raw mode can drop (seen in CI), leaving the shell
     * waiting forever; a typed command is only ever read as one.
     */
    static final String END_OF_INPUT = "\nexit\n";

    private TerminalClient() {
    }

    static int attach(URI agentUrl, String workspaceId, String sessionToken) {
        URI uri = URI.create("ws://" + agentUrl.getAuthority() + SessionPaths.pty(workspaceId));
        // Raw mode only for a person at a terminal; piped input is sent as it comes.
        String saved = System.console() != null ? stty("-g").trim() : "";
        try (SessionSocket socket = SessionSocket.connect(uri, sessionToken)) {
            if (!saved.isEmpty()) {
                stty("raw", "-echo");
            }
            resize(socket);
            onWindowChange(() -> resize(socket));
            Thread keys = new Thread(() -> pump(socket), "sam-terminal-keys");
            keys.setDaemon(true);
            keys.start();
            while (true) {
                String m = socket.next(Duration.ofMillis(200));
                if (m == null) {
                    if (socket.closed().isDone()) {
                        return 0;
                    }
                    continue;
                }
                JsonNode frame = JSON.readTree(m);
                switch (frame.path("type").asText()) {
                    case PtyFrame.OUTPUT -> {
                        System.out.print(frame.path("data").asText());
                        System.out.flush();
                    }
                    case PtyFrame.EXIT -> {
                        return frame.path("code").asInt();
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("terminal session failed: " + e.getMessage(), e);
        } finally {
            if (!saved.isEmpty()) {
                stty(saved);
            }
            System.out.println();
        }
    }

    private static void pump(SessionSocket socket) {
        try (Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8)) {
            char[] buf = new char[1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                send(socket, PtyFrame.input(new String(buf, 0, n)));
            }
            // End of input (a pipe or a file, not a terminal): the shell finishes what it was given,
            // then exits, and the session ends like `bash < file`.
            send(socket, PtyFrame.input(END_OF_INPUT));
        } catch (IOException | RuntimeException e) {
            // The session ended; the main loop sees the close.
        }
    }

    private static void resize(SessionSocket socket) {
        String[] size = stty("size").trim().split("\\s+");
        if (size.length == 2 && size[0].matches("[0-9]+") && size[1].matches("[0-9]+") && !size[0].equals("0")) {
            send(socket, PtyFrame.resize(Integer.parseInt(size[1]), Integer.parseInt(size[0])));
        }
    }

    /** SIGWINCH through the JDK's signal hook (jdk.unsupported); without it the size is only sent at start. */
    @SuppressWarnings("removal")
    private static void onWindowChange(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Demo.say("window size changes will not be forwarded: " + e.getMessage());
        }
    }

    private static void send(SessionSocket socket, PtyFrame frame) {
        try {
            socket.send(JSON.writeValueAsString(frame));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs stty on the controlling terminal; answers its output. */
    private static String stty(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
