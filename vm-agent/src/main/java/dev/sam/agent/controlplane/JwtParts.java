package dev.sam.agent.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** A compact JWS split into its decoded parts. Parsing only: {@link JwtVerifier} checks signatures. */
record JwtParts(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {
    static Optional<JwtParts> parse(String jwt) {
        if (jwt == null || jwt.length() > 16 * 1024) {
            return Optional.empty();
        }
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Base64.Decoder dec = Base64.getUrlDecoder();
            JsonNode header = ControlPlaneClient.JSON.readTree(dec.decode(parts[0]));
            JsonNode claims = ControlPlaneClient.JSON.readTree(dec.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                return Optional.empty();
            }
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return Optional.of(new JwtParts(header, claims, input, dec.decode(parts[2])));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    Optional<Instant> expiresAt() {
        JsonNode exp = claims.get("exp");
        return exp != null && exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
    }
}
