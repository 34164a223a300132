package dev.sam.contract.api;

/** Answer of creating a workspace: the workspace and its callback token (type {@code workspace}). */
public record WorkspaceCreatedResponse(WorkspaceView workspace, CallbackTokenResponse callbackToken) {
}
