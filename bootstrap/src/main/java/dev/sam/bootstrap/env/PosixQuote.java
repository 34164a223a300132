package dev.sam.bootstrap.env;

/**
 * Single-quoting for POSIX sh: inside {@code '...'} every byte stands for itself, so the only
 * character to handle is the quote, written {@code '\''} (close, escaped quote, reopen). Works the
 * same in dash, bash, ksh and zsh in sh emulation, for any value without NUL.
 */
public final class PosixQuote {
    private PosixQuote() {
    }

    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell value cannot hold NUL");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
