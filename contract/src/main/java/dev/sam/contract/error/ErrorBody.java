package dev.sam.contract.error;

import java.util.Objects;

/** The JSON body of every error answer: {@code {"reason": "...", "message": "..."}}. */
public record ErrorBody(String reason, String message) {
    public ErrorBody {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static ErrorBody of(Reason reason, String message) {
        return new ErrorBody(reason.code(), message);
    }
}
