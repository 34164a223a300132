package dev.sam.helper;

import dev.sam.contract.secret.Redactor;
import java.io.PrintWriter;

/**
 * The one stderr line the helper writes when it cannot help:
 * {@code git-credential-sam: <agent url or file>: <reason> (<message>)}. git shows stderr to the
 * user as it is, so the line is single, printable, short and redacted.
 */
final class Diagnostic {
    static final String PREFIX = "git-credential-sam: ";
    private static final int MAX_MESSAGE = 200;

    private Diagnostic() {
    }

    static String line(String where, String reason, String message) {
        return PREFIX + printable(where) + ": " + printable(reason) + " (" + printable(message) + ")";
    }

    static void print(PrintWriter err, String where, String reason, String message) {
        err.print(line(where, reason, message) + "\n");
        err.flush();
    }

    private static String printable(String text) {
        String s = text == null ? "" : text;
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_MESSAGE));
        for (int i = 0; i < s.length() && b.length() < MAX_MESSAGE; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return Redactor.redact(b.toString());
    }
}
