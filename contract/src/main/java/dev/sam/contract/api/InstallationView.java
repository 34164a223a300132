package dev.sam.contract.api;

import java.time.Instant;

/** An installation as the API knows it; {@code state} is {@code active}, {@code suspended} or {@code removed}. */
public record InstallationView(long installationId, String account, String state, Instant createdAt) {
}
