package dev.sam.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** GitHub's idea of "now": the real clock plus an offset tests move to simulate skew. */
final class EmulatorClock {
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    EmulatorClock(Clock base) {
        this.base = base;
    }

    Instant now() {
        return base.instant().plus(offset);
    }

    Duration offset() {
        return offset;
    }

    void setOffset(Duration offset) {
        this.offset = offset;
    }
}
