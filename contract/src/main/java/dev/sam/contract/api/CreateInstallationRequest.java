package dev.sam.contract.api;

/** Body of {@code POST /api/admin/installations}: a GitHub App installation the operator grants SAM. */
public record CreateInstallationRequest(Long installationId, String account) {
}
