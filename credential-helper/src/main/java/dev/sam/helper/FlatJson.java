package dev.sam.helper;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads a flat JSON object ({@code ErrorBody}, {@code CredentialStatus}) into strings: string values
 * as they are, numbers and booleans as their text, {@code null} as absent. Nested values are
 * refused. Small on purpose: a JSON library would cost the helper start-up time on every git call.
 */
final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
        this.s = s;
    }

    static Map<String, String> parse(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, String> out = new HashMap<>();
        p.skipSpace();
        p.expect('{');
        p.skipSpace();
        if (p.peek() == '}') {
            p.i++;
            return out;
        }
        while (true) {
            p.skipSpace();
            String key = p.string();
            p.skipSpace();
            p.expect(':');
            p.skipSpace();
            String value = p.value();
            if (value != null) {
                out.put(key, value);
            }
            p.skipSpace();
            char c = p.next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or } in JSON");
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            throw new IllegalArgumentException("nested JSON value");
        }
        int start = i;
        while (i < s.length() && ",} \t\r\n".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String literal = s.substring(start, i);
        if (literal.isEmpty()) {
            throw new IllegalArgumentException("missing JSON value");
        }
        return literal.equals("null") ? null : literal;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw new IllegalArgumentException("truncated JSON escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("invalid JSON escape");
            }
        }
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw new IllegalArgumentException("truncated JSON");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c + " in JSON");
        }
    }
}
