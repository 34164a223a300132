package dev.sam.emulator;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an app's RSA public key from PEM: {@code PUBLIC KEY} (X.509), or a PKCS#8 {@code PRIVATE KEY}
 * from which the public half is derived, so a standalone emulator can be fed the same file the API signs with.
 */
final class PemPublicKeys {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private PemPublicKeys() {
    }

    static PublicKey parse(String pem) {
        Matcher m = PEM.matcher(pem == null ? "" : pem);
        if (!m.find()) {
            throw new IllegalArgumentException("expected a PEM block (BEGIN PUBLIC KEY or BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return switch (m.group(1)) {
                case "PUBLIC KEY" -> rsa.generatePublic(new X509EncodedKeySpec(der));
                case "PRIVATE KEY" -> {
                    var priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                    yield rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
                }
                default -> throw new IllegalArgumentException("unsupported PEM type " + m.group(1)
                        + "; convert PKCS#1 keys with: openssl pkcs8 -topk8 -nocrypt");
            };
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA key: " + e.getMessage(), e);
        }
    }

    static String format(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
