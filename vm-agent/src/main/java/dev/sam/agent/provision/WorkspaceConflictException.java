package dev.sam.agent.provision;

/** A request for a workspace this node already has, asking for something else than it has ({@code conflict}). */
public final class WorkspaceConflictException extends RuntimeException {
    public WorkspaceConflictException(String message) {
        super(message);
    }
}
