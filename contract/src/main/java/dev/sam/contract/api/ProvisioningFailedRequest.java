package dev.sam.contract.api;

/** Body of {@link ApiPaths#WORKSPACE_FAILED}: a {@code Reason} code and a short message (no secrets). */
public record ProvisioningFailedRequest(String reason, String message) {
}
