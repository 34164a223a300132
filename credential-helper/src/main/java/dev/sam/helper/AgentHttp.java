package dev.sam.helper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client on a plain socket, one request per connection. Chosen over
 * {@code java.net.http.HttpClient} (over 2,000 classes and a second of CPU at start-up) and
 * {@code HttpURLConnection} (its read timeout is per read) because every read is bounded by the
 * command's {@link Deadline}, so an agent that accepts and trickles or never answers cannot
 * stretch the call.
 */
final class AgentHttp {
    /** Connect timeout: the agent is on this node, so a second is already generous. */
    static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    /** Upper bound on an answer; real ones are a few hundred bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;

    private final AgentEndpoint endpoint;
    private final String bearer;

    AgentHttp(AgentEndpoint endpoint, String bearer) {
        this.endpoint = endpoint;
        this.bearer = bearer;
    }

    HttpAnswer send(String method, String path, String contentType, byte[] body, Deadline deadline) throws IOException {
        long connectMillis = Math.min(CONNECT_TIMEOUT_MILLIS, deadline.remainingMillis());
        if (connectMillis <= 0) {
            throw new SocketTimeoutException("time bound reached before connecting");
        }
        // NO_PROXY: the agent is local, and skipping the SOCKS/proxy-selector path saves class loading.
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) connectMillis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, contentType, body.length));
            out.write(body);
            out.flush();
            return read(new Reader(socket, deadline));
        }
    }

    private byte[] head(String method, String path, String contentType, int length) {
        StringBuilder h = new StringBuilder(256);
        h.append(method).append(' ').append(endpoint.basePath()).append(path).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(endpoint.hostHeader()).append("\r\n");
        h.append("Authorization: Bearer ").append(bearer).append("\r\n");
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        h.append("Content-Length: ").append(length).append("\r\n");
        h.append("Accept: text/plain, application/json\r\n");
        h.append("Connection: close\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpAnswer read(Reader in) throws IOException {
        String statusLine = in.line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("invalid HTTP status");
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = in.line(); !line.isEmpty(); line = in.line()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        String encoding = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = in.chunked();
        } else if (length != null) {
            long n;
            try {
                n = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new IOException("invalid Content-Length");
            }
            if (n < 0 || n > MAX_BODY_BYTES) {
                throw new IOException("answer body too large");
            }
            body = in.exactly((int) n);
        } else {
            body = in.untilEnd();
        }
        return new HttpAnswer(status, headers, body);
    }

    /** Reads from the socket, re-arming the socket timeout to what is left of the deadline before each read. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final Deadline deadline;
        private final byte[] buffer = new byte[4096];
        private int pos;
        private int limit;

        Reader(Socket socket, Deadline deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        private int next() throws IOException {
            if (pos == limit) {
                long left = deadline.remainingMillis();
                if (left <= 0) {
                    throw new SocketTimeoutException("no answer within the time bound");
                }
                socket.setSoTimeout((int) left);
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[pos++] & 0xff;
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            for (int c = next(); c != '\n'; c = next()) {
                if (c < 0) {
                    throw new IOException("connection closed in the middle of the answer");
                }
                if (b.size() >= MAX_HEADER_LINE) {
                    throw new IOException("header line too long");
                }
                b.write(c);
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        byte[] exactly(int n) throws IOException {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                int c = next();
                if (c < 0) {
                    throw new IOException("connection closed in the middle of the body");
                }
                out[i] = (byte) c;
            }
            return out;
        }

        byte[] untilEnd() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(256);
            for (int c = next(); c >= 0; c = next()) {
                if (b.size() >= MAX_BODY_BYTES) {
                    throw new IOException("answer body too large");
                }
                b.write(c);
            }
            return b.toByteArray();
        }

        byte[] chunked() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(256);
            while (true) {
                String sizeLine = line();
                int semi = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("invalid chunk size");
                }
                if (size < 0 || b.size() + size > MAX_BODY_BYTES) {
                    throw new IOException("answer body too large");
                }
                if (size == 0) {
                    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                        // Trailers carry nothing the helper needs.
                    }
                    return b.toByteArray();
                }
                b.write(exactly(size));
                line();
            }
        }
    }
}
