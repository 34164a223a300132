package dev.sam.contract.jws;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactJwsTest {
    static final KeyPair KEY = generate();
    static final KeyPair OTHER = generate();
    static final byte[] HEADER = "{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] CLAIMS = "{\"sub\":\"ws-1\",\"exp\":1900000000}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAndVerifiesTheExactBytes() {
        String token = CompactJws.sign(HEADER, CLAIMS, KEY.getPrivate());
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        assertFalse(token.contains("="), "base64url without padding");
        assertEquals("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0", parts[0]);
        CompactJws jws = CompactJws.parse(token).orElseThrow();
        assertArrayEquals(HEADER, jws.header());
        assertArrayEquals(CLAIMS, jws.claims());
        assertTrue(jws.signedBy(KEY.getPublic()));
        assertFalse(jws.signedBy(OTHER.getPublic()), "another key's public half");
    }

    @Test
    void aChangedClaimBreaksTheSignature() {
        String token = CompactJws.sign(HEADER, CLAIMS, KEY.getPrivate());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"ws-2\",\"exp\":1900000000}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertFalse(CompactJws.parse(forged).orElseThrow().signedBy(KEY.getPublic()));
    }

    @Test
    void malformedInputIsEmptyNotAnException() {
        String good = CompactJws.sign(HEADER, CLAIMS, KEY.getPrivate());
        String[] p = good.split("\\.");
        List<String> bad = List.of("", "a", "a.b", ".b.c", "a..c", "a.b.", p[0] + "." + p[1] + "." + p[2] + ".x",
                "a!.b.c", p[0] + "." + p[1] + ".%%%", p[0] + "." + "A".repeat(CompactJws.MAX_LENGTH) + "." + p[2]);
        for (String token : bad) {
            assertTrue(CompactJws.parse(token).isEmpty(), token.length() > 40 ? token.length() + " chars" : token);
        }
        assertTrue(CompactJws.parse(null).isEmpty());
    }

    @Test
    void jwkIntegersHaveNoSignByte() {
        assertEquals("AQAB", CompactJws.unsignedBase64(BigInteger.valueOf(65537)));
        BigInteger modulus = ((RSAPublicKey) KEY.getPublic()).getModulus();
        assertEquals(256, Base64.getUrlDecoder().decode(CompactJws.unsignedBase64(modulus)).length, "2048-bit modulus in 256 bytes");
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
