package dev.sam.agent.controlplane;

import dev.sam.contract.error.Reason;

/** A bearer JWT that was refused, with the reason to answer. */
public final class JwtException extends Exception {
    private final Reason reason;

    public JwtException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
