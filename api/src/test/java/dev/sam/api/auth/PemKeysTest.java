package dev.sam.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** PKCS#1 (as GitHub issues App keys) and PKCS#8 both read back to the same key, and sign verifiably. */
class PemKeysTest {
    @Test
    void pkcs1AndPkcs8ReadToTheSameKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();

        RSAPrivateCrtKey fromPkcs8 = PemKeys.readPrivateKey(PemKeys.writePkcs8(key));
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs1Of(key.getEncoded())) + "\n-----END RSA PRIVATE KEY-----\n";
        RSAPrivateCrtKey fromPkcs1 = PemKeys.readPrivateKey(pkcs1);

        assertEquals(key.getModulus(), fromPkcs8.getModulus());
        assertEquals(key.getPrivateExponent(), fromPkcs1.getPrivateExponent());
        String jwt = JwsCodec.sign(Map.of("alg", "RS256"), Map.of("sub", "x"), fromPkcs1);
        assertTrue(JwsCodec.parse(jwt).verify(PemKeys.publicKeyOf(key)));
    }

    @Test
    void otherPemIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.readPrivateKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertTrue(e.getMessage().contains("RSA PRIVATE KEY"));
    }

    @Test
    void malformedJwsIsRejectedNotThrownAsSomethingElse() {
        for (String bad : new String[] {"", "a", "a.b", "a.b.c.d", "..", "e30.e30.", "!!.e30.AA", "e30.bnVsbA.AA"}) {
            assertThrows(JwsCodec.MalformedJwsException.class, () -> JwsCodec.parse(bad), bad);
        }
    }

    /** Strips the PKCS#8 envelope (a test-side inverse of the production wrapper). */
    static byte[] pkcs1Of(byte[] pkcs8) {
        int offset = 2 + (pkcs8[1] & 0x7f) + 3 + 15;
        int start = offset + 2 + (pkcs8[offset + 1] & 0x7f);
        return java.util.Arrays.copyOfRange(pkcs8, start, pkcs8.length);
    }
}
