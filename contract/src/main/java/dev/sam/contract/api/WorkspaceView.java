package dev.sam.contract.api;

import java.time.Instant;

/**
 * A workspace; {@code status} is {@code creating}, {@code ready}, {@code failed} or {@code stopped}. When failed,
 * {@code failureReason} is a {@code Reason} code and {@code failureMessage} a short human sentence.
 */
public record WorkspaceView(String id, String nodeId, String repository, String branch, Long installationId,
        String status, String failureReason, String failureMessage, Instant createdAt) {
}
