package dev.sam.agent.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.contract.error.Reason;
import dev.sam.contract.jws.CompactJws;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies RS256 JWTs signed by the control plane against its JWKS, for one audience per call:
 * {@code node-agent} on provisioning today, {@code workspace-session} for session tokens later.
 */
public final class JwtVerifier {
    private static final Duration LEEWAY = Duration.ofSeconds(30);

    private static final int CACHE_LIMIT = 1024;

    private final JwksKeys keys;
    private final Clock clock;
    /** Tokens already verified for an audience, until they expire: the API reuses one JWT for many calls. */
    private final Map<String, VerifiedJwt> verified = new ConcurrentHashMap<>();
    /**
     * Verifications under way, by the same key: a burst of requests carrying one new JWT (the API
     * provisioning 50 workspaces at once) checks its signature once, the others wait for that
     * answer. On a cold JVM each RS256 check is interpreted big-integer arithmetic; 50 of them side
     * by side took the CPU that the first 50 provisionings needed.
     */
    private final Map<String, CompletableFuture<VerifiedJwt>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong signatureChecks = new AtomicLong();

    public JwtVerifier(JwksKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public VerifiedJwt verify(String token, String audience) throws JwtException {
        String cacheKey = audience + " " + token;
        VerifiedJwt known = verified.get(cacheKey);
        if (known != null && !clock.instant().isAfter(known.expiresAt())) {
            return known;
        }
        CompletableFuture<VerifiedJwt> mine = new CompletableFuture<>();
        CompletableFuture<VerifiedJwt> running = inFlight.putIfAbsent(cacheKey, mine);
        if (running != null) {
            return await(running);
        }
        try {
            VerifiedJwt cached = verified.get(cacheKey); // verified by a burst that ended after the first look
            if (cached != null && !clock.instant().isAfter(cached.expiresAt())) {
                mine.complete(cached);
                return cached;
            }
            VerifiedJwt fresh = verifyUncached(token, audience);
            if (verified.size() >= CACHE_LIMIT) {
                verified.clear();
            }
            verified.put(cacheKey, fresh);
            mine.complete(fresh);
            return fresh;
        } catch (JwtException | RuntimeException e) {
            mine.completeExceptionally(e); // a refusal is not cached: the next call checks again
            throw e;
        } finally {
            inFlight.remove(cacheKey, mine);
        }
    }

    /** How many signatures this verifier has checked (cache misses that got as far as the key). */
    public long signatureChecks() {
        return signatureChecks.get();
    }

    private static VerifiedJwt await(CompletableFuture<VerifiedJwt> running) throws JwtException {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof JwtException j) {
                throw new JwtException(j.reason(), j.getMessage());
            }
            throw e;
        }
    }

    private VerifiedJwt verifyUncached(String token, String audience) throws JwtException {
        JwtParts jwt = JwtParts.parse(token).orElseThrow(() -> new JwtException(Reason.TOKEN_INVALID, "not a JWT"));
        if (!CompactJws.RS256.equals(jwt.header().path("alg").asText())) {
            throw new JwtException(Reason.TOKEN_INVALID, "only RS256 is accepted");
        }
        String kid = jwt.header().path("kid").asText("");
        RSAPublicKey key = keys.key(kid).orElseThrow(() -> new JwtException(Reason.TOKEN_INVALID, "unknown signing key"));
        signatureChecks.incrementAndGet();
        if (!jwt.jws().signedBy(key)) {
            throw new JwtException(Reason.TOKEN_INVALID, "bad signature");
        }
        Instant now = clock.instant();
        Optional<Instant> exp = jwt.expiresAt();
        if (exp.isEmpty()) {
            throw new JwtException(Reason.TOKEN_INVALID, "no expiry");
        }
        if (now.isAfter(exp.get().plus(LEEWAY))) {
            throw new JwtException(Reason.TOKEN_EXPIRED, "token expired");
        }
        JsonNode nbf = jwt.claims().get("nbf");
        if (nbf != null && nbf.isNumber() && now.plus(LEEWAY).isBefore(Instant.ofEpochSecond(nbf.asLong()))) {
            throw new JwtException(Reason.TOKEN_INVALID, "token not yet valid");
        }
        if (!hasAudience(jwt.claims().get("aud"), audience)) {
            throw new JwtException(Reason.WRONG_AUDIENCE, "token is not meant for " + audience);
        }
        String sub = jwt.claims().path("sub").asText("");
        if (sub.isEmpty()) {
            throw new JwtException(Reason.TOKEN_INVALID, "no subject");
        }
        return new VerifiedJwt(sub, exp.get(), jwt.claims());
    }

    private static boolean hasAudience(JsonNode aud, String audience) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return aud.asText().equals(audience);
        }
        for (JsonNode a : aud) {
            if (a.asText().equals(audience)) {
                return true;
            }
        }
        return false;
    }
}
