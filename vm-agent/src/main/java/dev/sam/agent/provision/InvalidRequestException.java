package dev.sam.agent.provision;

/** A provisioning request the agent refuses as malformed ({@code invalid_request}). */
public final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
