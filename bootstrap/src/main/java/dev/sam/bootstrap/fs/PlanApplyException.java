package dev.sam.bootstrap.fs;

import dev.sam.contract.error.Reason;

/** A plan file that could not be written, or did not read back as planned. Names the plan path. */
public final class PlanApplyException extends RuntimeException {
    private final String path;
    private final Reason reason;

    public PlanApplyException(String path, Reason reason, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
        this.reason = reason;
    }

    public PlanApplyException(String path, Reason reason, String message) {
        this(path, reason, message, null);
    }

    /** The path as the plan spells it (inside the workspace). */
    public String path() {
        return path;
    }

    public Reason reason() {
        return reason;
    }
}
