package dev.sam.emulator.git;

import java.time.Instant;

/**
 * One git request as the emulator answered it. Carries the token's fingerprint (a SHA-256 prefix),
 * never the token.
 *
 * @param outcome {@code ok}, {@code no_credentials}, {@code bad_credentials}, {@code not_covered},
 *                {@code no_permission}, {@code not_found}, {@code bad_request} or {@code backend_failed}
 */
public record GitRequestOutcome(Instant at, String method, String repository, String service, int status,
                                String outcome, String fingerprint) {
    public String logLine() {
        return "git " + method + " " + repository + " " + service + " -> " + status + " " + outcome
                + (fingerprint == null ? "" : " token-sha256:" + fingerprint);
    }
}
