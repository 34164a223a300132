package dev.sam.helper;

/** The config file or the credential file it names cannot be used; the message says why, never a secret. */
public final class HelperConfigException extends Exception {
    public HelperConfigException(String message) {
        super(message, null, false, false);
    }
}
