package dev.sam.contract.credential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader and writer of git's credential wire format: {@code key=value} lines, UTF-8, ending at a
 * blank line or end of input. The reader tolerates CRLF, repeated {@code key[]} attributes and keys
 * it does not know; it rejects NUL and lines without {@code =}. The writer refuses anything the
 * reader could not read back unchanged.
 */
public final class CredentialCodec {
    /** Upper bound on one message; git's own messages are a few hundred bytes. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private CredentialCodec() {
    }

    /** Reads one message, stopping after its blank line (or at end of input). */
    public static CredentialMessage read(InputStream in) throws IOException {
        List<CredentialMessage.Attribute> attributes = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int total = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (++total > MAX_MESSAGE_BYTES) {
                throw new CredentialFormatException("credential message longer than " + MAX_MESSAGE_BYTES + " bytes");
            }
            if (b == 0) {
                throw new CredentialFormatException("NUL byte in credential input");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = stripCr(line.toString(StandardCharsets.UTF_8));
            line.reset();
            if (text.isEmpty()) {
                return CredentialMessage.of(attributes);
            }
            attributes.add(parse(text));
        }
        if (line.size() > 0) {
            String text = stripCr(line.toString(StandardCharsets.UTF_8));
            if (!text.isEmpty()) {
                attributes.add(parse(text));
            }
        }
        return CredentialMessage.of(attributes);
    }

    /**
     * Reads a message from bytes, with the same rules as {@link #read(InputStream)} (bytes after the
     * blank line are ignored). It scans the array directly: the agent parses one message per
     * {@code /git-credential} request, and a per-byte stream costs more than the rest of the answer.
     */
    public static CredentialMessage read(byte[] bytes) {
        List<CredentialMessage.Attribute> attributes = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (i >= MAX_MESSAGE_BYTES) {
                throw new CredentialFormatException("credential message longer than " + MAX_MESSAGE_BYTES + " bytes");
            }
            byte b = bytes[i];
            if (b == 0) {
                throw new CredentialFormatException("NUL byte in credential input");
            }
            if (b != '\n') {
                continue;
            }
            String text = line(bytes, start, i);
            start = i + 1;
            if (text.isEmpty()) {
                return CredentialMessage.of(attributes);
            }
            attributes.add(parse(text));
        }
        if (start < bytes.length) {
            String text = line(bytes, start, bytes.length);
            if (!text.isEmpty()) {
                attributes.add(parse(text));
            }
        }
        return CredentialMessage.of(attributes);
    }

    /** The line {@code bytes[from, to)} as text, without one trailing CR. */
    private static String line(byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    /** Writes every attribute, then no blank line: git's helpers end their answer at end of output. */
    public static void write(CredentialMessage message, OutputStream out) throws IOException {
        out.write(toBytes(message));
        out.flush();
    }

    /** The message's lines as bytes; throws {@link CredentialFormatException} for an unwritable key or value. */
    public static byte[] toBytes(CredentialMessage message) {
        StringBuilder text = new StringBuilder();
        for (CredentialMessage.Attribute a : message.attributes()) {
            checkKey(a.key());
            checkValue(a.key(), a.value());
            text.append(a.key()).append('=').append(a.value()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static CredentialMessage.Attribute parse(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            throw new CredentialFormatException("credential line without key=value");
        }
        return new CredentialMessage.Attribute(line.substring(0, eq), line.substring(eq + 1));
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.indexOf('=') >= 0 || hasLineBreakOrNul(key)) {
            throw new CredentialFormatException("credential key must be non-empty without '=', newline or NUL");
        }
    }

    private static void checkValue(String key, String value) {
        if (hasLineBreakOrNul(value)) {
            throw new CredentialFormatException("value of " + key + " contains a newline, carriage return or NUL");
        }
    }

    private static boolean hasLineBreakOrNul(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                return true;
            }
        }
        return false;
    }
}
