package dev.sam.emulator;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/** Scripted faults, consumed in order, plus the gate that holds hung exchanges until shutdown. */
final class FaultQueue {
    private final Queue<Fault> pending = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);

    void enqueue(List<Fault> faults) {
        pending.addAll(faults);
    }

    Optional<Fault> next() {
        return Optional.ofNullable(pending.poll());
    }

    int size() {
        return pending.size();
    }

    List<Fault> snapshot() {
        return List.copyOf(pending);
    }

    void clear() {
        pending.clear();
    }

    /** Blocks a hung exchange until {@link #releaseHung()}; the client sees no answer meanwhile. */
    void awaitRelease() throws InterruptedException {
        released.await();
    }

    void releaseHung() {
        released.countDown();
    }
}
