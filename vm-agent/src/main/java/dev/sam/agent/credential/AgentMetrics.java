package dev.sam.agent.credential;

import dev.sam.contract.error.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters the agent exposes on {@code /metrics}: token fetch latency, failures by reason, cache hits. */
public final class AgentMetrics {
    private final LongAdder fetches = new LongAdder();
    private final LongAdder fetchMillis = new LongAdder();
    private volatile long fetchMillisMax;
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    public void fetched(long millis) {
        fetches.increment();
        fetchMillis.add(millis);
        if (millis > fetchMillisMax) {
            fetchMillisMax = millis;
        }
    }

    public void failed(Reason reason) {
        failures.computeIfAbsent(reason.code(), k -> new LongAdder()).increment();
    }

    public void hit() {
        cacheHits.increment();
    }

    public void miss() {
        cacheMisses.increment();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }

    public long fetches() {
        return fetches.sum();
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        long n = fetches.sum();
        m.put("token_fetch_count", n);
        m.put("token_fetch_latency_ms_avg", n == 0 ? 0 : fetchMillis.sum() / n);
        m.put("token_fetch_latency_ms_max", fetchMillisMax);
        m.put("token_cache_hits", cacheHits.sum());
        m.put("token_cache_misses", cacheMisses.sum());
        Map<String, Long> byReason = new LinkedHashMap<>();
        failures.forEach((k, v) -> byReason.put(k, v.sum()));
        m.put("token_fetch_failures", byReason);
        return m;
    }
}
