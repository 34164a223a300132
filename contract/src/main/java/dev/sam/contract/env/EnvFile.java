package dev.sam.contract.env;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The static env file ({@code /etc/sam/env}): one {@code KEY=VALUE} line per entry, UTF-8.
 *
 * <p>Escaping, the only one: in a value, backslash is written {@code \\}, line feed {@code \n} and
 * carriage return {@code \r}. Every other character, quotes, {@code $}, backticks, {@code #},
 * {@code =} and leading or trailing spaces included, stands for itself. So every value without NUL
 * round-trips byte for byte, and no shell is ever involved in reading it. Lines that are empty or
 * start with {@code #} are comments. Keys match {@code [A-Z_][A-Z0-9_]*} and appear once.
 */
public final class EnvFile {
    private static final Pattern KEY = Pattern.compile("[A-Z_][A-Z0-9_]*");

    private EnvFile() {
    }

    /** True when {@code key} may name an entry. */
    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** Renders entries in their map order. Throws {@link EnvFileException} for a bad key or a value with NUL. */
    public static byte[] write(Map<String, String> entries) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey();
            if (!isValidKey(key)) {
                throw new EnvFileException(0, "invalid key '" + printable(key) + "': keys match [A-Z_][A-Z0-9_]*");
            }
            out.append(key).append('=');
            escapeInto(key, e.getValue(), out);
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a whole file. Throws {@link EnvFileException} naming the line of the first problem. */
    public static Map<String, String> read(byte[] bytes) {
        String text = decode(bytes);
        Map<String, String> entries = new LinkedHashMap<>();
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            parseLine(text.substring(start, end), lineNo, entries);
            start = end + 1;
        }
        return Collections.unmodifiableMap(entries);
    }

    private static void parseLine(String line, int lineNo, Map<String, String> entries) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return;
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new EnvFileException(lineNo, "expected KEY=VALUE");
        }
        String key = line.substring(0, eq);
        if (!isValidKey(key)) {
            throw new EnvFileException(lineNo, "invalid key '" + printable(key) + "'");
        }
        if (entries.containsKey(key)) {
            throw new EnvFileException(lineNo, "duplicate key " + key);
        }
        entries.put(key, unescape(line, eq + 1, lineNo));
    }

    private static void escapeInto(String key, String value, StringBuilder out) {
        if (value == null) {
            throw new EnvFileException(0, "value of " + key + " is null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> throw new EnvFileException(0, "value of " + key + " contains NUL");
                default -> {
                    if (Character.isSurrogate(c) && !isPairedSurrogate(value, i)) {
                        throw new EnvFileException(0, "value of " + key + " is not valid Unicode");
                    }
                    out.append(c);
                }
            }
        }
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String unescape(String line, int from, int lineNo) {
        StringBuilder value = new StringBuilder(line.length() - from);
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r') {
                throw new EnvFileException(lineNo, "raw carriage return (write it as \\r)");
            }
            if (c == '\0') {
                throw new EnvFileException(lineNo, "NUL byte");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (++i == line.length()) {
                throw new EnvFileException(lineNo, "backslash at end of line");
            }
            switch (line.charAt(i)) {
                case '\\' -> value.append('\\');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                default -> throw new EnvFileException(lineNo, "unknown escape \\" + line.charAt(i));
            }
        }
        return value.toString();
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new EnvFileException(0, "file is not valid UTF-8");
        }
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
