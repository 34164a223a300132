package dev.sam.agent.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** Claims of a JWT whose signature, audience and lifetime were checked. */
public record VerifiedJwt(String subject, Instant expiresAt, JsonNode claims) {
    public Optional<String> claim(String name) {
        JsonNode v = claims.get(name);
        return v != null && v.isValueNode() ? Optional.of(v.asText()) : Optional.empty();
    }
}
