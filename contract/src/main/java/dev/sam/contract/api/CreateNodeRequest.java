package dev.sam.contract.api;

/** Body of {@code POST /api/admin/nodes}. {@code agentUrl} is optional: without it the API never pushes work to the node. */
public record CreateNodeRequest(String name, String agentUrl) {
}
