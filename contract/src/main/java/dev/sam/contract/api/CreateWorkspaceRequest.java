package dev.sam.contract.api;

/**
 * Body of {@code POST /api/admin/workspaces}. {@code repository} is {@code owner/name}; {@code branch} is optional
 * (the repository's default branch); {@code installationId} is optional (a workspace without one gets no git token).
 */
public record CreateWorkspaceRequest(String nodeId, String repository, String branch, Long installationId) {
}
