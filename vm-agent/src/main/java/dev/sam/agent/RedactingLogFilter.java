package dev.sam.agent;

import dev.sam.contract.secret.Redactor;
import io.quarkus.logging.LoggingFilter;
import java.text.MessageFormat;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Redacts anything token-shaped from every log record (message, parameters and exception text),
 * whatever code logged it: the last line of defence behind "never log a token".
 */
@LoggingFilter(name = "sam-redactor")
public final class RedactingLogFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = format(record);
        if (Redactor.containsToken(formatted)) {
            record.setMessage(Redactor.redact(formatted));
            record.setParameters(null);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(Redactor.redact(formatted), ExtLogRecord.FormatStyle.NO_FORMAT);
            }
        }
        Throwable t = record.getThrown();
        if (t != null && Redactor.containsToken(String.valueOf(t.getMessage()))) {
            RuntimeException replacement = new RuntimeException(t.getClass().getName() + ": " + Redactor.redact(t.getMessage()));
            replacement.setStackTrace(t.getStackTrace());
            record.setThrown(replacement);
        }
        return true;
    }

    static String format(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        Object[] params = record.getParameters();
        String msg = record.getMessage();
        if (msg == null || params == null || params.length == 0) {
            return msg;
        }
        try {
            return MessageFormat.format(msg, params);
        } catch (IllegalArgumentException e) {
            return msg;
        }
    }
}
