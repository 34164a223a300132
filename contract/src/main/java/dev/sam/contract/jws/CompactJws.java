package dev.sam.contract.jws;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A compact JWS (RFC 7515) signed with RS256, the one algorithm SAM's tokens use: the API signs
 * callback, session and GitHub App tokens; the VM agent verifies what the API signs. Framing and
 * signatures only, no JSON: each side maps the header and claims with its own JSON library. The
 * GitHub emulator keeps a verifier of its own on purpose, so that a bug here cannot be hidden by
 * the same bug on the side that stands in for GitHub.
 */
public final class CompactJws {
    public static final String RS256 = "RS256";
    /** Longer input is refused before any decoding: SAM's tokens are under 2 KiB. */
    public static final int MAX_LENGTH = 16_384;
    private static final String JCA_RS256 = "SHA256withRSA";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] header;
    private final byte[] claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private CompactJws(byte[] header, byte[] claims, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** Signs {@code headerJson} and {@code claimsJson} (UTF-8 JSON objects) with RS256. */
    public static String sign(byte[] headerJson, byte[] claimsJson, PrivateKey key) {
        String input = ENCODER.encodeToString(headerJson) + "." + ENCODER.encodeToString(claimsJson);
        try {
            Signature rs256 = Signature.getInstance(JCA_RS256);
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + ENCODER.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a JWS with " + key.getAlgorithm() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Splits and decodes, without verifying: empty for anything but three non-empty base64url
     * parts within {@link #MAX_LENGTH}. Whether header and claims are JSON objects is the caller's
     * question.
     */
    public static Optional<CompactJws> parse(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CompactJws(DECODER.decode(token.substring(0, first)),
                    DECODER.decode(token.substring(first + 1, second)),
                    token.substring(0, second).getBytes(StandardCharsets.US_ASCII),
                    DECODER.decode(token.substring(second + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The decoded header (JSON, as sent). */
    public byte[] header() {
        return header.clone();
    }

    /** The decoded claims (JSON, as sent). */
    public byte[] claims() {
        return claims.clone();
    }

    /** True when {@code key} made the RS256 signature over exactly these header and claims. */
    public boolean signedBy(PublicKey key) {
        try {
            Signature rs256 = Signature.getInstance(JCA_RS256);
            rs256.initVerify(key);
            rs256.update(signingInput);
            return rs256.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Base64url without padding of a big-endian unsigned integer, as a JWK's {@code n} and {@code e}. */
    public static String unsignedBase64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return ENCODER.encodeToString(bytes);
    }
}
