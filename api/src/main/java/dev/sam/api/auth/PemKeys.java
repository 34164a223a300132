package dev.sam.api.auth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Reads RSA private keys in PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}) and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, the
 * form GitHub hands out for App keys), and writes PKCS#8. PKCS#1 is wrapped into a PKCS#8 envelope so the JDK alone
 * can read it.
 */
public final class PemKeys {
    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1 = "RSA PRIVATE KEY";
    // AlgorithmIdentifier for rsaEncryption with NULL parameters.
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeys() {
    }

    public static RSAPrivateCrtKey readPrivateKey(String pem) {
        try {
            byte[] der;
            if (pem.contains("-----BEGIN " + PKCS1 + "-----")) {
                der = wrapPkcs1(body(pem, PKCS1));
            } else if (pem.contains("-----BEGIN " + PKCS8 + "-----")) {
                der = body(pem, PKCS8);
            } else {
                throw new IllegalArgumentException("not a PEM RSA private key (expected BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
            }
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not a readable RSA private key", e);
        }
    }

    public static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String writePkcs8(RSAPrivateCrtKey key) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN " + PKCS8 + "-----\n" + b64 + "\n-----END " + PKCS8 + "-----\n";
    }

    private static byte[] body(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin) + begin.length();
        int to = pem.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("PEM block " + label + " is not terminated");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from, to));
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM);
        content.write(0x04);
        content.writeBytes(length(pkcs1.length));
        content.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(content.size()));
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        byte[] value = BigInteger.valueOf(length).toByteArray();
        int start = value[0] == 0 ? 1 : 0;
        byte[] out = new byte[value.length - start + 1];
        out[0] = (byte) (0x80 | (value.length - start));
        System.arraycopy(value, start, out, 1, value.length - start);
        return out;
    }
}
