package dev.sam.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Every token minted, which were revoked, and the counters tests assert on. Thread-safe. */
final class TokenLedger {
    private final Map<String, IssuedToken> byToken = new ConcurrentHashMap<>();
    private final List<IssuedToken> inOrder = new ArrayList<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger mints = new AtomicInteger();
    private final Map<Long, AtomicInteger> mintsByInstallation = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mintsByScope = new ConcurrentHashMap<>();

    void countRequest() {
        requests.incrementAndGet();
    }

    void record(IssuedToken issued) {
        byToken.put(issued.token(), issued);
        synchronized (inOrder) {
            inOrder.add(issued);
        }
        mints.incrementAndGet();
        mintsByInstallation.computeIfAbsent(issued.installationId(), id -> new AtomicInteger()).incrementAndGet();
        mintsByScope.computeIfAbsent(scopeKey(issued), k -> new AtomicInteger()).incrementAndGet();
    }

    /** The token if it was minted here, is not revoked and has not expired at {@code at}. */
    Optional<IssuedToken> live(String token, Instant at) {
        if (token == null || revoked.contains(token)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byToken.get(token)).filter(t -> at.isBefore(t.expiresAt()));
    }

    boolean revoke(String token) {
        return byToken.containsKey(token) && revoked.add(token);
    }

    /** Revokes by SHA-256 hex, for control clients that only ever see hashes. */
    boolean revokeBySha256(String sha256Hex) {
        return byToken.keySet().stream().filter(t -> sha256(t).equalsIgnoreCase(sha256Hex))
                .findFirst().map(this::revoke).orElse(false);
    }

    boolean isRevoked(String token) {
        return revoked.contains(token);
    }

    List<IssuedToken> issued() {
        synchronized (inOrder) {
            return List.copyOf(inOrder);
        }
    }

    int requestCount() {
        return requests.get();
    }

    int mintCount() {
        return mints.get();
    }

    int mintCount(long installationId) {
        AtomicInteger n = mintsByInstallation.get(installationId);
        return n == null ? 0 : n.get();
    }

    Map<Long, Integer> mintsByInstallation() {
        Map<Long, Integer> copy = new TreeMap<>();
        mintsByInstallation.forEach((id, n) -> copy.put(id, n.get()));
        return copy;
    }

    Map<String, Integer> mintsByScope() {
        Map<String, Integer> copy = new TreeMap<>();
        mintsByScope.forEach((scope, n) -> copy.put(scope, n.get()));
        return copy;
    }

    /** Counters only: tokens already minted stay valid, as they would on GitHub. */
    void resetCounters() {
        requests.set(0);
        mints.set(0);
        mintsByInstallation.clear();
        mintsByScope.clear();
    }

    /** "installation:repo1,repo2:perm=level,...", with repositories and permissions sorted. */
    static String scopeKey(IssuedToken t) {
        return t.installationId() + ":" + String.join(",", t.repositories().stream().sorted().toList())
                + ":" + String.join(",", new TreeMap<>(t.permissions()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
