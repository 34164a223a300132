package dev.sam.contract.secret;

import java.util.regex.Pattern;

/** Replaces anything token-shaped in text meant for logs: GitHub tokens of every format, and JWTs. */
public final class Redactor {
    public static final String MASK = "[REDACTED]";

    // gh[pousr]_ classic (36 chars) and the long new format, which may contain '.', '_' and '-';
    // github_pat_ fine-grained tokens; compact JWS (three base64url parts, header starting "eyJ").
    private static final Pattern TOKEN = Pattern.compile(
            "\\bgh[pousr]_[A-Za-z0-9_.\\-]{16,}"
                    + "|\\bgithub_pat_[A-Za-z0-9_]{16,}"
                    + "|\\beyJ[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]*");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return TOKEN.matcher(text).replaceAll(MASK);
    }

    public static boolean containsToken(String text) {
        return text != null && TOKEN.matcher(text).find();
    }
}
