package dev.sam.agent.pty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputRingBufferTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(OutputRingBuffer r, String s) {
        byte[] x = b(s);
        r.write(x, 0, x.length);
    }

    @Test
    void keepsEverythingUntilFull() {
        OutputRingBuffer r = new OutputRingBuffer(8);
        write(r, "abc");
        write(r, "de");
        assertArrayEquals(b("abcde"), r.snapshot());
        assertEquals(5, r.total());
    }

    @Test
    void wrapsAndKeepsTheNewestBytesInOrder() {
        OutputRingBuffer r = new OutputRingBuffer(8);
        write(r, "abcdef");
        write(r, "ghij");
        assertArrayEquals(b("cdefghij"), r.snapshot());
        write(r, "k");
        assertArrayEquals(b("defghijk"), r.snapshot());
        assertEquals(11, r.total());
    }

    @Test
    void aWriteLargerThanTheBufferKeepsItsTail() {
        OutputRingBuffer r = new OutputRingBuffer(4);
        write(r, "xy");
        write(r, "0123456789");
        assertArrayEquals(b("6789"), r.snapshot());
        assertEquals(12, r.total());
    }

    @Test
    void respectsOffsetAndLength() {
        OutputRingBuffer r = new OutputRingBuffer(4);
        r.write(b("..ab.."), 2, 2);
        assertArrayEquals(b("ab"), r.snapshot());
    }
}
