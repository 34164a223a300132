package dev.sam.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compact JWS with RS256, nothing else: signs callback tokens and GitHub app JWTs, and parses and verifies callback
 * tokens. Kept tiny on purpose; the only algorithm accepted on input is RS256, so "none" and HMAC confusion cannot occur.
 */
public final class JwsCodec {
    public static final String RS256 = "RS256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private JwsCodec() {
    }

    public static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        try {
            String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a JWT", e);
        }
    }

    /** A structurally valid compact JWS, not yet verified. */
    public record Parsed(Map<String, Object> header, Map<String, Object> claims, byte[] signingInput, byte[] signature) {
        public boolean verify(PublicKey key) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    /** Parses without verifying; throws {@link MalformedJwsException} for anything that is not a compact JWS of JSON objects. */
    public static Parsed parse(String token) {
        if (token == null || token.length() > 16_384) {
            throw new MalformedJwsException();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || token.indexOf('.', second + 1) >= 0 || second == token.length() - 1) {
            throw new MalformedJwsException();
        }
        try {
            Map<String, Object> header = JSON.readValue(B64D.decode(token.substring(0, first)), MAP);
            Map<String, Object> claims = JSON.readValue(B64D.decode(token.substring(first + 1, second)), MAP);
            byte[] signature = B64D.decode(token.substring(second + 1));
            if (header == null || claims == null) {
                throw new MalformedJwsException();
            }
            return new Parsed(header, claims, token.substring(0, second).getBytes(StandardCharsets.US_ASCII), signature);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new MalformedJwsException();
        }
    }

    /** Base64url without padding of a big-endian unsigned integer, as JWK wants moduli and exponents. */
    public static String unsignedBase64(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }

    public static final class MalformedJwsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedJwsException() {
            super("not a compact JWS", null, false, false);
        }
    }
}
