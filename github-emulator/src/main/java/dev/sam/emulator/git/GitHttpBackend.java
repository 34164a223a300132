package dev.sam.emulator.git;

import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code git http-backend} as a CGI for one exchange: request headers become CGI variables,
 * the body goes to its stdin, its header block becomes the status and headers, the rest is streamed
 * back (chunked) so a large clone is never held in memory.
 */
final class GitHttpBackend {
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final long TIMEOUT_MINUTES = 10;

    private GitHttpBackend() {
    }

    /** Answers the exchange; returns the HTTP status sent. */
    static int serve(HttpExchange exchange, Path repository, String pathTail, String remoteUser) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        GitEnvironment.isolate(env);
        env.put("GIT_PROJECT_ROOT", repository.getParent().toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", "/" + repository.getFileName() + pathTail);
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_USER", remoteUser);
        env.put("REMOTE_ADDR", "127.0.0.1");
        putHeader(exchange, env, "Content-Type", "CONTENT_TYPE");
        putHeader(exchange, env, "Content-Length", "CONTENT_LENGTH");
        putHeader(exchange, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
        putHeader(exchange, env, "Git-Protocol", "GIT_PROTOCOL");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
            try (OutputStream in = p.getOutputStream(); InputStream body = exchange.getRequestBody()) {
                body.transferTo(in);
            } catch (IOException e) {
                // The backend stopped reading (it refused the request): its answer says why.
            }
        });
        try (InputStream out = p.getInputStream()) {
            int status = sendHeaders(exchange, out);
            try (OutputStream response = exchange.getResponseBody()) {
                out.transferTo(response);
            }
            feed.join();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Reads the CGI header block up to the blank line and sends it as the HTTP status line and headers. */
    private static int sendHeaders(HttpExchange exchange, InputStream out) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int previous = -1;
        int c;
        while ((c = out.read()) >= 0) {
            if (c == '\r') {
                continue;
            }
            if (c == '\n' && previous == '\n') {
                break;
            }
            header.write(c);
            previous = c;
            if (header.size() > MAX_HEADER_BYTES) {
                throw new IOException("git http-backend sent an oversized header block");
            }
        }
        int status = 200;
        for (String line : header.toString(StandardCharsets.ISO_8859_1).split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        return status;
    }

    private static void putHeader(HttpExchange exchange, Map<String, String> env, String header, String variable) {
        String v = exchange.getRequestHeaders().getFirst(header);
        if (v != null) {
            env.put(variable, v);
        }
    }
}
