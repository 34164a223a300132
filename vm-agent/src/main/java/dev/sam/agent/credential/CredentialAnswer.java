package dev.sam.agent.credential;

import dev.sam.contract.error.ErrorBody;
import java.util.Optional;

/** What the agent answers on {@code /git-credential}: git's wire format, nothing, or a JSON error. */
public record CredentialAnswer(int status, byte[] body, ErrorBody error, Optional<Long> retryAfterSeconds) {
    public static CredentialAnswer ok(byte[] body) {
        return new CredentialAnswer(200, body, null, Optional.empty());
    }

    public static CredentialAnswer error(int status, ErrorBody error, Optional<Long> retryAfterSeconds) {
        return new CredentialAnswer(status, null, error, retryAfterSeconds);
    }

    @Override
    public String toString() {
        return "CredentialAnswer[" + status + (error != null ? ", " + error.reason() : "") + "]";
    }
}
