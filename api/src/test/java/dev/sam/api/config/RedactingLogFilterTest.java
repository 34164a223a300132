package dev.sam.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import dev.sam.contract.secret.Redactor;

/** Tokens in messages, parameters and exception chains never reach a handler. */
class RedactingLogFilterTest {
    private static final String CLASSIC = "ghs_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    private static final String LONG = "ghs_12345_" + "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    @Test
    void parametersAndMessageAreRedacted() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "minted %s and %s", ExtLogRecord.FormatStyle.PRINTF,
                RedactingLogFilterTest.class.getName());
        record.setParameters(new Object[] {CLASSIC, LONG});
        assertTrue(new RedactingLogFilter().isLoggable(record));
        String out = record.getFormattedMessage();
        assertFalse(out.contains("ghs_"), out);
        assertEquals("minted " + Redactor.MASK + " and " + Redactor.MASK, out);
    }

    @Test
    void exceptionMessagesAreRedactedAlongTheChain() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "failed", RedactingLogFilterTest.class.getName());
        record.setThrown(new IllegalStateException("outer", new RuntimeException("token " + CLASSIC)));
        new RedactingLogFilter().isLoggable(record);
        StringBuilder all = new StringBuilder();
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        assertFalse(all.toString().contains(CLASSIC), all.toString());
        assertTrue(all.toString().contains("java.lang.RuntimeException: token " + Redactor.MASK), all.toString());
    }

    @Test
    void cleanRecordsAreUntouched() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "workspace %s ready", ExtLogRecord.FormatStyle.PRINTF, "x");
        record.setParameters(new Object[] {"ws-1"});
        new RedactingLogFilter().isLoggable(record);
        assertEquals("workspace ws-1 ready", record.getFormattedMessage());
    }
}
