package dev.sam.agent.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.contract.api.ApiPaths;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The control plane's signing keys from its JWKS, cached for a while; an unknown {@code kid} causes
 * one refetch (key rotation), rate-limited so that garbage tokens cannot make us hammer the API.
 */
public final class JwksKeys {
    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(5);

    private final ControlPlaneClient client;
    private final Clock clock;
    private final Duration ttl;
    private volatile Map<String, RSAPublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;

    public JwksKeys(ControlPlaneClient client, Clock clock, Duration ttl) {
        this.client = client;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Fetches the keys ahead of the first request (called at start, off the caller's thread): the
     * first provisioning requests then do not all queue behind one JWKS fetch. A failure only logs;
     * {@link #key} fetches again when a token arrives.
     */
    public void prefetch() {
        if (keys.isEmpty()) {
            refetch(clock.instant());
        }
    }

    /** Any key already fetched, without fetching: for warming the signature check at start-up. */
    public Optional<RSAPublicKey> anyFetchedKey() {
        return keys.values().stream().findFirst();
    }

    public Optional<RSAPublicKey> key(String kid) {
        Instant now = clock.instant();
        if (now.isAfter(fetchedAt.plus(ttl))) {
            refetch(now);
        }
        RSAPublicKey key = keys.get(kid);
        if (key == null && now.isAfter(fetchedAt.plus(MIN_REFETCH_INTERVAL))) {
            refetch(now);
            key = keys.get(kid);
        }
        return Optional.ofNullable(key);
    }

    private synchronized void refetch(Instant now) {
        if (!now.isAfter(fetchedAt.plus(MIN_REFETCH_INTERVAL)) && !keys.isEmpty()) {
            return;
        }
        try {
            JsonNode doc = client.getJson(ApiPaths.JWKS);
            Map<String, RSAPublicKey> fresh = new ConcurrentHashMap<>();
            for (JsonNode k : doc.path("keys")) {
                if ("RSA".equals(k.path("kty").asText()) && k.hasNonNull("kid")) {
                    fresh.put(k.get("kid").asText(), rsa(k.path("n").asText(), k.path("e").asText()));
                }
            }
            keys = Map.copyOf(fresh);
            fetchedAt = now;
        } catch (Exception e) {
            // Keep the old keys: a brief API outage must not lock the API out of its own agents.
            LOG.warnf("cannot fetch the control plane's JWKS: %s", e.getMessage());
            fetchedAt = now.minus(ttl).plus(MIN_REFETCH_INTERVAL);
        }
    }

    private static RSAPublicKey rsa(String n, String e) throws Exception {
        Base64.Decoder dec = Base64.getUrlDecoder();
        RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, dec.decode(n)), new BigInteger(1, dec.decode(e)));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
    }
}
