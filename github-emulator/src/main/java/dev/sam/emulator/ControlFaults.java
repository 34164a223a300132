package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * JSON form of a {@link Fault} for {@code POST /_emulator/faults}:
 * {@code {"type":"status","status":503,"retry_after_seconds":2}}, {@code {"type":"rate_limited_429",
 * "retry_after_seconds":30}}, {@code {"type":"secondary_rate_limit_403","retry_after_seconds":60}},
 * {@code {"type":"delay","delay_ms":1500}}, {@code {"type":"hang"}}.
 */
final class ControlFaults {
    private ControlFaults() {
    }

    static Fault parse(JsonNode f) {
        String type = f.path("type").asText();
        Duration retryAfter = f.hasNonNull("retry_after_seconds")
                ? Duration.ofSeconds(f.get("retry_after_seconds").asLong()) : null;
        return switch (type) {
            case "status" -> {
                Fault fault = Fault.status(f.path("status").asInt());
                yield retryAfter == null ? fault : fault.withRetryAfter(retryAfter);
            }
            case "rate_limited_429" -> Fault.rateLimited429(retryAfter == null ? Duration.ofSeconds(60) : retryAfter);
            case "secondary_rate_limit_403" ->
                    Fault.secondaryRateLimit403(retryAfter == null ? Duration.ofSeconds(60) : retryAfter);
            case "delay" -> Fault.delay(Duration.ofMillis(f.path("delay_ms").asLong()));
            case "hang" -> Fault.hang();
            default -> throw new IllegalArgumentException("unknown fault type '" + type
                    + "'; expected status, rate_limited_429, secondary_rate_limit_403, delay or hang");
        };
    }
}
