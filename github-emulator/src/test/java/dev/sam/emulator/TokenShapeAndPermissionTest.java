package dev.sam.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure pieces, no HTTP: token shapes over many samples, permission ordering, key and name parsing. */
class TokenShapeAndPermissionTest {

    @Test
    void everyClassicTokenIsFortyAlphanumericCharacters() {
        TokenMinter minter = new TokenMinter();
        for (int i = 0; i < 500; i++) {
            String t = minter.mint(1);
            assertTrue(t.matches("ghs_[A-Za-z0-9]{36}"), t);
        }
    }

    @Test
    void everyLongTokenCarriesTheAppIdDotsAndUnderscores() {
        TokenMinter minter = new TokenMinter();
        minter.setFormat(TokenFormat.LONG);
        for (int i = 0; i < 200; i++) {
            String t = minter.mint(123456);
            assertTrue(t.startsWith("ghs_123456_eyJ"), t.substring(0, 16));
            assertEquals(2, t.chars().filter(c -> c == '.').count());
            assertTrue(t.length() >= 480 && t.length() <= 500, "length " + t.length());
            assertTrue(t.matches("[A-Za-z0-9_.\\-]+"), "URL- and header-safe");
        }
    }

    @Test
    void lifetimeMustBePositive() {
        TokenMinter minter = new TokenMinter();
        assertThrows(IllegalArgumentException.class, () -> minter.setLifetime(Duration.ZERO));
        assertEquals(Duration.ofHours(1), minter.lifetime());
    }

    @Test
    void aGrantCoversItsOwnLevelAndBelowOnly() {
        Map<String, String> grant = Map.of("contents", "write", "metadata", "read", "administration", "admin");

        assertTrue(PermissionLevel.covers(grant, Map.of("contents", "read")));
        assertTrue(PermissionLevel.covers(grant, Map.of("contents", "write", "administration", "write")));
        assertTrue(PermissionLevel.covers(grant, Map.of()));
        assertFalse(PermissionLevel.covers(grant, Map.of("metadata", "write")));
        assertFalse(PermissionLevel.covers(grant, Map.of("issues", "read")));
        assertFalse(PermissionLevel.covers(grant, Map.of("contents", "none")));
        assertThrows(IllegalArgumentException.class, () -> PermissionLevel.requireValid(Map.of("contents", "all")));
    }

    @Test
    void repositoryNamesMustBeOwnerSlashName() {
        Repository r = Repository.parse(7, "acme/api", true);
        assertEquals("acme", r.owner());
        assertEquals("api", r.name());
        assertEquals("acme/api", r.fullName());
        for (String bad : new String[] {"api", "/api", "acme/", "a/b/c", ""}) {
            assertThrows(IllegalArgumentException.class, () -> Repository.parse(1, bad, true), bad);
        }
    }

    @Test
    void publicKeyPemRoundTrips() {
        String pem = PemPublicKeys.format(TestApp.KEYS.getPublic());

        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals(TestApp.KEYS.getPublic(), PemPublicKeys.parse(pem));
        assertThrows(IllegalArgumentException.class,
                () -> PemPublicKeys.parse("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"));
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertEquals(0, GitHubApiHandler.ceilSeconds(Duration.ZERO));
        assertEquals(1, GitHubApiHandler.ceilSeconds(Duration.ofMillis(1)));
        assertEquals(2, GitHubApiHandler.ceilSeconds(Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> Fault.status(200));
        assertThrows(IllegalStateException.class, () -> Fault.hang().withRetryAfter(Duration.ofSeconds(1)));
    }
}
