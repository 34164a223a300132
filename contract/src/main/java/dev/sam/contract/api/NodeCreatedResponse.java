package dev.sam.contract.api;

/** Answer of registering a node: the node and its callback token (type {@code node}). */
public record NodeCreatedResponse(NodeView node, CallbackTokenResponse callbackToken) {
}
