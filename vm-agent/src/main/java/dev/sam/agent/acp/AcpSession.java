package dev.sam.agent.acp;

import dev.sam.contract.secret.Redactor;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One coding-agent process and its newline-delimited JSON-RPC stream: each line on its stdout is
 * one message to the client, each client message becomes one line on its stdin. stderr goes to the
 * log line by line, redacted. Ending the session kills the whole process tree.
 */
public final class AcpSession {
    private static final Logger LOG = Logger.getLogger(AcpSession.class);
    /** A single JSON-RPC message larger than this is cut off and the session ended. */
    static final int MAX_LINE = 16 * 1024 * 1024;

    /** Where the agent's messages go, from the session's stdout thread, in order. */
    public interface Listener {
        void message(String json);

        /** The process ended by itself, with its exit code. */
        void exited(int code);
    }

    private final String id;
    private final String workspaceId;
    private final String agentName;
    private final Process process;
    private final Listener listener;
    private final OutputStream stdin;
    private final AtomicBoolean closed = new AtomicBoolean();

    AcpSession(String id, String workspaceId, String agentName, Process process, Listener listener) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.agentName = agentName;
        this.process = process;
        this.listener = listener;
        this.stdin = process.getOutputStream();
    }

    void start(Runnable onEnd) {
        daemon("sam-acp-err-" + id, this::logStderr).start();
        daemon("sam-acp-out-" + id, () -> {
            try {
                relayStdout();
            } finally {
                int code = waitForExit();
                if (!closed.getAndSet(true)) {
                    killTree();
                    listener.exited(code);
                }
                onEnd.run();
            }
        }).start();
    }

    private void relayStdout() {
        try (InputStream out = process.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = out.read(buf)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line.write(buf, from, i - from);
                        emit(line);
                        from = i + 1;
                    }
                }
                line.write(buf, from, n - from);
                if (line.size() > MAX_LINE) {
                    LOG.warnf("acp %s (%s): a message over %d bytes; ending the session", id, agentName, MAX_LINE);
                    return;
                }
            }
            emit(line);
        } catch (IOException e) {
            LOG.debugf("acp %s: stdout ended: %s", id, e.getMessage());
        }
    }

    private void emit(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8).strip();
        line.reset();
        if (!text.isEmpty()) {
            listener.message(text);
        }
    }

    private void logStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = err.readLine()) != null) {
                LOG.infof("acp %s (%s) stderr: %s", id, agentName, Redactor.redact(l));
            }
        } catch (IOException e) {
            LOG.debugf("acp %s: stderr ended: %s", id, e.getMessage());
        }
    }

    /**
     * One client message as one line. A raw line break can only be whitespace between JSON tokens
     * (inside strings JSON requires escapes), so replacing it with a space keeps the message intact.
     */
    public synchronized void send(String json) throws IOException {
        String line = json.replace('\n', ' ').replace('\r', ' ');
        stdin.write(line.getBytes(StandardCharsets.UTF_8));
        stdin.write('\n');
        stdin.flush();
    }

    public void close() {
        if (!closed.getAndSet(true)) {
            killTree();
        }
    }

    private int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void killTree() {
        List<ProcessHandle> all = process.descendants().toList();
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).destroyForcibly();
        }
        process.destroyForcibly();
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
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
}
