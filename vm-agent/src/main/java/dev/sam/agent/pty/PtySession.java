package dev.sam.agent.pty;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One terminal: a shell in a pseudo-terminal, a thread pumping its output (decoded as UTF-8 across
 * read boundaries) to a {@link Listener} and into an {@link OutputRingBuffer}, and an end that kills
 * the whole process tree so no child outlives the session.
 */
public final class PtySession {
    private static final Logger LOG = Logger.getLogger(PtySession.class);

    /** Where a session's output goes. Called from the session's own pump thread, in order. */
    public interface Listener {
        void output(String text);

        /** The shell ended by itself (not through {@link #close()}), with its exit code. */
        void exited(int code);

        /** The session was ended for lack of input and output. */
        void idle();
    }

    private final String id;
    private final String workspaceId;
    private final PtyProcess process;
    private final OutputRingBuffer buffer;
    private final Clock clock;
    private final Listener listener;
    private final OutputStream input;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile Instant lastActivity;

    PtySession(String id, String workspaceId, PtyProcess process, int bufferBytes, Clock clock, Listener listener) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.process = process;
        this.buffer = new OutputRingBuffer(bufferBytes);
        this.clock = clock;
        this.listener = listener;
        this.input = process.getOutputStream();
        this.lastActivity = clock.instant();
    }

    void startPump(Runnable onEnd) {
        Thread t = new Thread(() -> {
            try {
                pump();
            } finally {
                int code = waitForExit();
                exit.complete(code);
                if (!closed.getAndSet(true)) {
                    killTree();
                    listener.exited(code);
                }
                onEnd.run();
            }
        }, "sam-pty-" + id);
        t.setDaemon(true);
        t.start();
    }

    private void pump() {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer bytes = ByteBuffer.allocate(16 * 1024);
        CharBuffer chars = CharBuffer.allocate(16 * 1024);
        try (InputStream out = process.getInputStream()) {
            int n;
            while ((n = out.read(bytes.array(), bytes.position(), bytes.remaining())) > 0) {
                buffer.write(bytes.array(), bytes.position(), n);
                bytes.position(bytes.position() + n);
                bytes.flip();
                decoder.decode(bytes, chars, false);
                bytes.compact(); // an incomplete UTF-8 sequence waits for the next read
                chars.flip();
                if (chars.hasRemaining()) {
                    lastActivity = clock.instant();
                    listener.output(chars.toString());
                }
                chars.clear();
            }
        } catch (IOException e) {
            // EIO when the terminal's last writer is gone: the normal end of a pty read.
            LOG.debugf("pty %s: output ended: %s", id, e.getMessage());
        }
    }

    private int waitForExit() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
            killTree();
            process.waitFor(5, TimeUnit.SECONDS);
            return process.isAlive() ? -1 : process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public void write(String text) throws IOException {
        lastActivity = clock.instant();
        input.write(text.getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    public void resize(int cols, int rows) {
        if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000) {
            throw new IllegalArgumentException("terminal size out of range: " + cols + "x" + rows);
        }
        process.setWinSize(new WinSize(cols, rows));
    }

    /** Ends the shell and every process below it; idempotent. The listener is not told (the client left). */
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        killTree();
    }

    /**
     * SIGKILL to every descendant, deepest first, then the launcher. bwrap's own PID namespace and
     * {@code --die-with-parent} would take the rest down too; this does not rely on either.
     */
    private void killTree() {
        ProcessHandle root = ProcessHandle.of(process.pid()).orElse(null);
        if (root == null) {
            return;
        }
        List<ProcessHandle> all = root.descendants().toList();
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).destroyForcibly();
        }
        process.destroyForcibly();
    }

    /** Ends the session for inactivity and tells the listener. */
    void closeIdle() {
        if (closed.getAndSet(true)) {
            return;
        }
        killTree();
        listener.idle();
    }

    public String id() {
        return id;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isOpen() {
        return !closed.get();
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    public OutputRingBuffer buffer() {
        return buffer;
    }

    /** Completes with the exit code once the process is gone, whoever ended it. */
    public CompletableFuture<Integer> exitCode() {
        return exit;
    }
}
