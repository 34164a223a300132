package dev.sam.contract.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReasonTest {

    @Test
    void codesAreUniqueSnakeCaseAndRoundTrip() {
        Set<String> seen = new HashSet<>();
        for (Reason r : Reason.values()) {
            assertTrue(r.code().matches("[a-z][a-z_]*[a-z]"), r.code());
            assertTrue(seen.add(r.code()), r.code());
            assertEquals(r, Reason.fromCode(r.code()).orElseThrow());
        }
        assertTrue(Reason.fromCode("no_such_reason").isEmpty());
    }

    @Test
    void transientGithubFailuresAreRetryableAndInstallationProblemsAreNot() {
        assertFalse(Reason.GITHUB_UNAVAILABLE.permanent());
        assertFalse(Reason.GITHUB_RATE_LIMITED.permanent());
        assertFalse(Reason.CREDENTIALS_PENDING.permanent());
        assertTrue(Reason.INSTALLATION_SUSPENDED.permanent());
        assertTrue(Reason.INSTALLATION_NOT_FOUND.permanent());
        assertTrue(Reason.NO_INSTALLATION.permanent());
    }
}
