package dev.sam.agent.pty;

/**
 * The last {@code capacity} bytes a terminal printed, for a client that attaches late or a test
 * waiting for a prompt. Older bytes are overwritten; {@link #total()} counts every byte ever written
 * so a reader can tell how much it missed.
 */
public final class OutputRingBuffer {
    private final byte[] buf;
    private int start;
    private int size;
    private long total;

    public OutputRingBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.buf = new byte[capacity];
    }

    public synchronized void write(byte[] data, int off, int len) {
        total += len;
        if (len >= buf.length) {
            System.arraycopy(data, off + len - buf.length, buf, 0, buf.length);
            start = 0;
            size = buf.length;
            return;
        }
        int end = (start + size) % buf.length;
        int first = Math.min(len, buf.length - end);
        System.arraycopy(data, off, buf, end, first);
        System.arraycopy(data, off + first, buf, 0, len - first);
        int overflow = size + len - buf.length;
        if (overflow > 0) {
            start = (start + overflow) % buf.length;
            size = buf.length;
        } else {
            size += len;
        }
    }

    /** The retained bytes, oldest first. */
    public synchronized byte[] snapshot() {
        byte[] out = new byte[size];
        int first = Math.min(size, buf.length - start);
        System.arraycopy(buf, start, out, 0, first);
        System.arraycopy(buf, 0, out, first, size - first);
        return out;
    }

    public synchronized long total() {
        return total;
    }

    public int capacity() {
        return buf.length;
    }
}
