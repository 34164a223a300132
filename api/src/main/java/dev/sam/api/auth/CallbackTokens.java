package dev.sam.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.sam.api.config.SamConfig;
import dev.sam.api.service.ApiException;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CallbackTokenClaims;
import dev.sam.contract.api.CallbackTokenResponse;
import dev.sam.contract.error.Reason;

/**
 * Issues and verifies callback tokens (RS256, audience {@link ApiPaths#AUDIENCE_CALLBACK}, subject a workspace or
 * node id, type claim {@link CallbackTokenClaims#TYPE}), and signs the short-lived tokens the API presents to agents.
 * Every way a token can be wrong maps to a 401 with its own reason; nothing here throws anything else.
 */
@ApplicationScoped
public class CallbackTokens {
    public static final String ISSUER = "sam-api";
    static final Duration AGENT_TOKEN_LIFETIME = Duration.ofSeconds(120);
    private static final String BEARER = "Bearer ";

    private static final int MAX_VERIFIED = 100_000;

    private final SigningKeys keys;
    // Tokens already verified, by their exact text: agents present the same token many times, and a hit skips the
    // RSA check. Only the exact string that passed verification hits, so nothing forged can; expiry is re-checked.
    private final java.util.concurrent.ConcurrentHashMap<String, CallerIdentity> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    @Inject
    public CallbackTokens(SigningKeys keys, SamConfig config) {
        this(keys, config.callbackTokenLifetime(), Clock.systemUTC());
    }

    CallbackTokens(SigningKeys keys, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public CallbackTokenResponse issue(String type, String subject) {
        Instant now = clock.instant();
        Instant exp = now.plus(lifetime);
        return new CallbackTokenResponse(sign(ApiPaths.AUDIENCE_CALLBACK, type, subject, now, exp), exp);
    }

    /** A bearer for {@code POST {agentUrl}/workspaces}: audience node-agent, subject the node id, two minutes. */
    public String agentToken(String nodeId) {
        Instant now = clock.instant();
        return sign(CallbackTokenClaims.AUDIENCE_NODE_AGENT, null, nodeId, now, now.plus(AGENT_TOKEN_LIFETIME));
    }

    private String sign(String audience, String type, String subject, Instant iat, Instant exp) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", JwsCodec.RS256);
        header.put("typ", "JWT");
        header.put("kid", keys.kid());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", audience);
        claims.put("sub", subject);
        if (type != null) {
            claims.put(CallbackTokenClaims.TYPE, type);
        }
        claims.put("iat", iat.getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return JwsCodec.sign(header, claims, keys.privateKey());
    }

    /** Verifies an {@code Authorization} header value and returns whom it speaks for. */
    public CallerIdentity verifyHeader(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized(Reason.UNAUTHENTICATED, "a bearer callback token is required");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized(Reason.UNAUTHENTICATED, "the Authorization header must be a Bearer token");
        }
        return verify(authorization.substring(BEARER.length()).trim());
    }

    public CallerIdentity verify(String token) {
        CallerIdentity known = verified.get(token);
        if (known != null) {
            if (!clock.instant().isBefore(known.expiresAt())) {
                verified.remove(token);
                throw ApiException.unauthorized(Reason.TOKEN_EXPIRED, "the token has expired");
            }
            return known;
        }
        CallerIdentity identity = verifyUncached(token);
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear(); // crude bound; a miss costs one signature check
        }
        verified.put(token, identity);
        return identity;
    }

    private CallerIdentity verifyUncached(String token) {
        JwsCodec.Parsed jws;
        try {
            jws = JwsCodec.parse(token);
        } catch (JwsCodec.MalformedJwsException e) {
            throw invalid("the token is not a well-formed JWT");
        }
        if (!JwsCodec.RS256.equals(jws.header().get("alg")) || !keys.kid().equals(jws.header().get("kid"))
                || !jws.verify(keys.publicKey())) {
            throw invalid("the token was not signed by this API");
        }
        Map<String, Object> claims = jws.claims();
        if (!ISSUER.equals(claims.get("iss"))) {
            throw invalid("the token was not issued by this API");
        }
        if (!audienceMatches(claims.get("aud"))) {
            throw ApiException.unauthorized(Reason.WRONG_AUDIENCE, "the token is not meant for this API");
        }
        if (!(claims.get("exp") instanceof Number exp) || !(claims.get("sub") instanceof String subject) || subject.isEmpty()) {
            throw invalid("the token lacks exp or sub");
        }
        Instant expiresAt = Instant.ofEpochSecond(exp.longValue());
        if (!clock.instant().isBefore(expiresAt)) {
            throw ApiException.unauthorized(Reason.TOKEN_EXPIRED, "the token has expired");
        }
        Object type = claims.get(CallbackTokenClaims.TYPE);
        if (!CallbackTokenClaims.TYPE_WORKSPACE.equals(type) && !CallbackTokenClaims.TYPE_NODE.equals(type)) {
            throw ApiException.unauthorized(Reason.WRONG_TOKEN_TYPE, "the token is neither a workspace nor a node token");
        }
        return new CallerIdentity((String) type, subject, expiresAt);
    }

    private static boolean audienceMatches(Object aud) {
        if (aud instanceof String single) {
            return ApiPaths.AUDIENCE_CALLBACK.equals(single);
        }
        return aud instanceof List<?> many && many.contains(ApiPaths.AUDIENCE_CALLBACK);
    }

    private static ApiException invalid(String message) {
        return ApiException.unauthorized(Reason.TOKEN_INVALID, message);
    }
}
