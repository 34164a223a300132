package dev.sam.agent.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.contract.jws.CompactJws;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** A compact JWS whose header and claims are JSON objects. Parsing only: {@link JwtVerifier} checks signatures. */
record JwtParts(JsonNode header, JsonNode claims, CompactJws jws) {
    static Optional<JwtParts> parse(String jwt) {
        return CompactJws.parse(jwt).flatMap(JwtParts::withJson);
    }

    private static Optional<JwtParts> withJson(CompactJws jws) {
        try {
            JsonNode header = ControlPlaneClient.JSON.readTree(jws.header());
            JsonNode claims = ControlPlaneClient.JSON.readTree(jws.claims());
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new JwtParts(header, claims, jws));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Optional<Instant> expiresAt() {
        JsonNode exp = claims.get("exp");
        return exp != null && exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
    }
}
