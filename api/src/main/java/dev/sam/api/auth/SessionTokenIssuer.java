package dev.sam.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.session.SessionTokenResponse;
import dev.sam.contract.session.SessionTokens;

/**
 * Signs session tokens: RS256 with the API's key (agents verify them against the JWKS), audience
 * {@link ApiPaths#AUDIENCE_SESSION}, subject and {@link SessionTokens#CLAIM_WORKSPACE_ID} the workspace,
 * lifetime at most {@link SessionTokens#MAX_LIFETIME}. A separate audience from callback tokens, so
 * neither can stand in for the other.
 */
@ApplicationScoped
public class SessionTokenIssuer {
    private final SigningKeys keys;
    private final Clock clock;

    @Inject
    public SessionTokenIssuer(SigningKeys keys) {
        this(keys, Clock.systemUTC());
    }

    SessionTokenIssuer(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** {@code lifetime} must already be within (0, MAX_LIFETIME]; the resource checks the request. */
    public SessionTokenResponse issue(String workspaceId, Duration lifetime) {
        if (lifetime.isZero() || lifetime.isNegative() || lifetime.compareTo(SessionTokens.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("session token lifetime out of range: " + lifetime);
        }
        // Whole seconds, so expiresAt in the answer equals the token's exp claim.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant exp = now.plus(lifetime);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", JwsCodec.RS256);
        header.put("typ", "JWT");
        header.put("kid", keys.kid());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", CallbackTokens.ISSUER);
        claims.put("aud", ApiPaths.AUDIENCE_SESSION);
        claims.put("sub", workspaceId);
        claims.put(SessionTokens.CLAIM_WORKSPACE_ID, workspaceId);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return new SessionTokenResponse(JwsCodec.sign(header, claims, keys.privateKey()), workspaceId, exp);
    }
}
