package dev.sam.helper;

/** A point in monotonic time that every socket operation of one command must finish by. */
public record Deadline(long endNanos) {
    public static Deadline inMillis(long millis) {
        return new Deadline(System.nanoTime() + millis * 1_000_000L);
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000L);
    }

    public boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }
}
