package dev.sam.api.config;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

import dev.sam.contract.secret.Redactor;

/**
 * Installed on every log handler ({@code quarkus.log.*.filter=sam-redactor}): rewrites each record's formatted
 * message, and the messages of its exception chain, through the contract {@link Redactor} before anything is written.
 * Never drops a record.
 */
@LoggingFilter(name = "sam-redactor")
public final class RedactingLogFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (Redactor.containsToken(formatted)) {
            record.setMessage(Redactor.redact(formatted));
            record.setParameters(null);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(Redactor.redact(formatted), ExtLogRecord.FormatStyle.NO_FORMAT);
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && chainContainsToken(thrown)) {
            record.setThrown(RedactedThrowable.of(thrown));
        }
        return true;
    }

    private static boolean chainContainsToken(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (Redactor.containsToken(c.getMessage()) || Redactor.containsToken(c.toString())) {
                return true;
            }
        }
        return false;
    }

    /** A stand-in carrying the original's class name, redacted message and stack, cause by cause. */
    static final class RedactedThrowable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private RedactedThrowable(String text, Throwable cause) {
            super(text, cause, false, true);
        }

        static Throwable of(Throwable original) {
            Throwable cause = original.getCause() == null || original.getCause() == original ? null : of(original.getCause());
            RedactedThrowable copy = new RedactedThrowable(
                    original.getClass().getName() + ": " + Redactor.redact(String.valueOf(original.getMessage())), cause);
            copy.setStackTrace(original.getStackTrace());
            return copy;
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
