package dev.sam.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** A GitHub App as a test sees it: an RSA key pair and a JWT signer using only the JDK. */
final class TestApp {
    static final long APP_ID = 424_242;
    // Key generation costs ~100 ms; one pair per JVM is enough, the second is the "wrong key".
    static final KeyPair KEYS = generate();
    static final KeyPair OTHER_KEYS = generate();

    private TestApp() {
    }

    /** The JWT the API would send: iat backdated 60 s, nine minutes of life, numeric iss. */
    static String jwt(Instant now) {
        long t = now.getEpochSecond();
        return sign(KEYS.getPrivate(), Long.toString(APP_ID), t - 60, t + 540);
    }

    static String jwt() {
        return jwt(Instant.now());
    }

    /** {@code issJson} is raw JSON so tests can send the id as a number or as a string. */
    static String sign(PrivateKey key, String issJson, long iat, long exp) {
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iat\":" + iat + ",\"exp\":" + exp + ",\"iss\":" + issJson + "}");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
