package dev.sam.bootstrap;

import dev.sam.contract.error.Reason;

/** Input that cannot be rendered into a workspace, with the reason the caller reports. */
public final class BootstrapException extends IllegalArgumentException {
    private final Reason reason;

    public BootstrapException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
