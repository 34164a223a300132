package dev.sam.bootstrap.git;

import dev.sam.bootstrap.plan.GitConfigEntry;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes git-config(1) syntax. Subsection names are double-quoted with {@code \\} and {@code \"}
 * escaped; values are always double-quoted with {@code \\ \" \n \t} escaped, so leading or
 * trailing spaces, {@code ;} and {@code #} are kept. Consecutive entries of one section share
 * its header. NUL, CR, and newlines in names cannot be written and are refused.
 */
public final class GitConfigWriter {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    private static final Pattern SECTION = Pattern.compile("[A-Za-z0-9.-]+");

    private GitConfigWriter() {
    }

    public static String write(List<GitConfigEntry> entries) {
        StringBuilder out = new StringBuilder();
        String currentHeader = null;
        for (GitConfigEntry e : entries) {
            String header = header(e);
            if (!header.equals(currentHeader)) {
                out.append(header).append('\n');
                currentHeader = header;
            }
            if (!NAME.matcher(e.name()).matches()) {
                throw new IllegalArgumentException("invalid git config variable name: " + e.name());
            }
            out.append('\t').append(e.name()).append(" = ").append(quoteValue(e.value())).append('\n');
        }
        return out.toString();
    }

    private static String header(GitConfigEntry e) {
        if (!SECTION.matcher(e.section()).matches()) {
            throw new IllegalArgumentException("invalid git config section: " + e.section());
        }
        if (e.subsection() == null) {
            return "[" + e.section() + "]";
        }
        String sub = e.subsection();
        if (sub.indexOf('\n') >= 0 || sub.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("git config subsection cannot hold newline or NUL");
        }
        return "[" + e.section() + " \"" + sub.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    static String quoteValue(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> q.append("\\\\");
                case '"' -> q.append("\\\"");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r', '\0' -> throw new IllegalArgumentException("git config value cannot hold CR or NUL");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
