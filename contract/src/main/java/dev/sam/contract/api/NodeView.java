package dev.sam.contract.api;

import java.time.Instant;

/** A node; {@code status} is {@code registered} until its first heartbeat, then {@code online}. */
public record NodeView(String id, String name, String status, String agentUrl, Instant lastHeartbeat, Instant createdAt) {
}
