package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;

/**
 * Checks a GitHub App JWT the way GitHub does: RS256 over the registered key, {@code iss} = app id
 * (string or number), {@code iat} not in the future, {@code exp} in the future and at most ten
 * minutes ahead, all against the emulator's clock. Failures carry GitHub's own 401 messages
 * (404 "Integration not found" for an app id nobody registered).
 */
final class AppJwtVerifier {
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    static final String NOT_DECODED = "A JSON web token could not be decoded";
    static final String REQUIRES_AUTH = "Requires authentication";
    static final String BAD_ISSUER = "'Issuer' claim ('iss') must be an Integer";
    static final String UNKNOWN_ISSUER = "Integration not found";
    static final String BAD_IAT =
            "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    static final String BAD_EXP = "'Expiration time' claim ('exp') must be a numeric value representing"
            + " the future time at which the assertion expires";
    static final String EXP_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future";

    private final InstallationRegistry registry;
    private final EmulatorClock clock;
    private final ObjectMapper json;

    AppJwtVerifier(InstallationRegistry registry, EmulatorClock clock, ObjectMapper json) {
        this.registry = registry;
        this.clock = clock;
        this.json = json;
    }

    /** Returns the verified app id, or throws a 401 (404 for an unknown app) {@link GitHubError}. */
    long verify(String authorizationHeader, String documentationUrl) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw unauthorized(REQUIRES_AUTH, documentationUrl);
        }
        String[] scheme = authorizationHeader.trim().split("\\s+", 2);
        if (scheme.length != 2 || !scheme[0].equalsIgnoreCase("Bearer")) {
            throw unauthorized(NOT_DECODED, documentationUrl);
        }
        String[] parts = scheme[1].split("\\.", -1);
        if (parts.length != 3) {
            throw unauthorized(NOT_DECODED, documentationUrl);
        }
        JsonNode header = decodeJson(parts[0], documentationUrl);
        JsonNode claims = decodeJson(parts[1], documentationUrl);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw unauthorized(NOT_DECODED, documentationUrl);
        }
        long appId = issuer(claims.get("iss"), documentationUrl);
        // GitHub answers an unknown app id with 404, not 401; clients must not read it as "no installation".
        PublicKey key = registry.appKey(appId)
                .orElseThrow(() -> new GitHubError(404, UNKNOWN_ISSUER, documentationUrl));
        if (!signatureValid(key, parts, documentationUrl)) {
            throw unauthorized(NOT_DECODED, documentationUrl);
        }
        checkTimes(claims, documentationUrl);
        return appId;
    }

    private void checkTimes(JsonNode claims, String documentationUrl) {
        long now = clock.now().getEpochSecond();
        JsonNode iatNode = claims.get("iat");
        if (iatNode == null || !iatNode.isIntegralNumber() || iatNode.asLong() > now) {
            throw unauthorized(BAD_IAT, documentationUrl);
        }
        JsonNode expNode = claims.get("exp");
        if (expNode == null || !expNode.isNumber() || expNode.asDouble() <= now) {
            throw unauthorized(BAD_EXP, documentationUrl);
        }
        long exp = (long) Math.ceil(expNode.asDouble());
        long maxSeconds = MAX_LIFETIME.toSeconds();
        if (exp - iatNode.asLong() > maxSeconds || exp - now > maxSeconds) {
            throw unauthorized(EXP_TOO_FAR, documentationUrl);
        }
    }

    private static long issuer(JsonNode iss, String documentationUrl) {
        if (iss != null && iss.isIntegralNumber()) {
            return iss.asLong();
        }
        if (iss != null && iss.isTextual() && iss.asText().matches("[1-9][0-9]{0,18}")) {
            return Long.parseLong(iss.asText());
        }
        throw unauthorized(BAD_ISSUER, documentationUrl);
    }

    private static boolean signatureValid(PublicKey key, String[] parts, String documentationUrl) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw unauthorized(NOT_DECODED, documentationUrl);
        }
    }

    private JsonNode decodeJson(String part, String documentationUrl) {
        try {
            JsonNode node = json.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw unauthorized(NOT_DECODED, documentationUrl);
            }
            return node;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw unauthorized(NOT_DECODED, documentationUrl);
        }
    }

    private static GitHubError unauthorized(String message, String documentationUrl) {
        return new GitHubError(401, message, documentationUrl);
    }

}
