package dev.sam.agent.session;

import dev.sam.contract.error.Reason;

/** A session that must not start: the websocket is closed with {@code closeCode} and the reason, before any process exists. */
public final class SessionRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Reason reason;
    private final int closeCode;

    public SessionRefusedException(Reason reason, int closeCode, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.closeCode = closeCode;
    }

    public Reason reason() {
        return reason;
    }

    public int closeCode() {
        return closeCode;
    }
}
