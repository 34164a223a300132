package dev.sam.contract.credential;

/** Input or output that does not follow git's credential wire format. */
public final class CredentialFormatException extends IllegalArgumentException {
    public CredentialFormatException(String message) {
        super(message);
    }
}
