package dev.sam.api.auth;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.jws.CompactJws;

/**
 * SAM's JWTs as JSON maps over the contract's {@link CompactJws} (framing and RS256): signs
 * callback, session and GitHub App tokens, parses callback tokens. The only algorithm accepted on
 * input is RS256, so "none" and HMAC confusion cannot occur.
 */
public final class JwsCodec {
    public static final String RS256 = CompactJws.RS256;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private JwsCodec() {
    }

    public static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        try {
            return CompactJws.sign(JSON.writeValueAsBytes(header), JSON.writeValueAsBytes(claims), key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a JWT", e);
        }
    }

    /** A structurally valid compact JWS of JSON objects, not yet verified. */
    public record Parsed(Map<String, Object> header, Map<String, Object> claims, CompactJws jws) {
        public boolean verify(PublicKey key) {
            return jws.signedBy(key);
        }
    }

    /** Parses without verifying; throws {@link MalformedJwsException} for anything that is not a compact JWS of JSON objects. */
    public static Parsed parse(String token) {
        CompactJws jws = CompactJws.parse(token).orElseThrow(MalformedJwsException::new);
        try {
            Map<String, Object> header = JSON.readValue(jws.header(), MAP);
            Map<String, Object> claims = JSON.readValue(jws.claims(), MAP);
            if (header == null || claims == null) {
                throw new MalformedJwsException();
            }
            return new Parsed(header, claims, jws);
        } catch (java.io.IOException e) {
            throw new MalformedJwsException();
        }
    }

    /** Base64url without padding of a big-endian unsigned integer, as JWK wants moduli and exponents. */
    public static String unsignedBase64(java.math.BigInteger value) {
        return CompactJws.unsignedBase64(value);
    }

    public static final class MalformedJwsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedJwsException() {
            super("not a compact JWS", null, false, false);
        }
    }
}
