package dev.sam.contract.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvFileTest {

    static Stream<String> hostileValues() {
        return HostileValues.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void hostileValueRoundTripsByteForByte(String value) {
        Map<String, String> in = Map.of("V", value);
        Map<String, String> out = EnvFile.read(EnvFile.write(in));
        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), out.get("V").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesOneLinePerEntryWithTheDocumentedEscapes() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("A", "x\\y");
        in.put("B", "line1\nline2\r");
        in.put("C", " $HOME 'q' \"d\" `c` #h a=b ");
        String text = new String(EnvFile.write(in), StandardCharsets.UTF_8);
        assertEquals("A=x\\\\y\nB=line1\\nline2\\r\nC= $HOME 'q' \"d\" `c` #h a=b \n", text);
    }

    @Test
    void readerKeepsOrderAndSkipsCommentsAndBlankLines() {
        Map<String, String> m = EnvFile.read("# c\n\nB=2\nA=1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(java.util.List.of("B", "A"), java.util.List.copyOf(m.keySet()));
        assertEquals("1", m.get("A"));
    }

    @Test
    void emptyValueAndMissingFinalNewlineAreRead() {
        Map<String, String> m = EnvFile.read("A=\nB=b".getBytes(StandardCharsets.UTF_8));
        assertEquals("", m.get("A"));
        assertEquals("b", m.get("B"));
    }

    @Test
    void writerRefusesNulAndBadKeys() {
        assertThrows(EnvFileException.class, () -> EnvFile.write(Map.of("A", "x\0y")));
        for (String key : new String[] {"", "1A", "a", "A-B", "A B", "A=B", "GH_TOKEN\n"}) {
            assertThrows(EnvFileException.class, () -> EnvFile.write(Map.of(key, "v")), key);
        }
        assertThrows(EnvFileException.class, () -> EnvFile.write(Map.of("A", "\uD800")));
    }

    @Test
    void readerRejectsMalformedLinesNamingTheLine() {
        assertEquals(2, assertThrows(EnvFileException.class, () -> read("A=1\nnot a line\n")).line());
        assertEquals(1, assertThrows(EnvFileException.class, () -> read("lower=1\n")).line());
        assertEquals(2, assertThrows(EnvFileException.class, () -> read("A=1\nA=2\n")).line());
        assertEquals(1, assertThrows(EnvFileException.class, () -> read("A=x\\t\n")).line());
        assertEquals(1, assertThrows(EnvFileException.class, () -> read("A=x\\\n")).line());
        assertEquals(1, assertThrows(EnvFileException.class, () -> read("A=x\r\n")).line());
        assertThrows(EnvFileException.class, () -> EnvFile.read(new byte[] {'A', '=', (byte) 0xC3}));
    }

    @Test
    void randomStringsRoundTrip() {
        Random random = new Random(20261203L);
        for (int i = 0; i < 5_000; i++) {
            String value = RandomText.string(random, random.nextInt(200));
            Map<String, String> in = new LinkedHashMap<>();
            in.put("K", value);
            in.put("L", RandomText.string(random, 3));
            assertEquals(in, EnvFile.read(EnvFile.write(in)), "seed iteration " + i);
        }
    }

    private static Map<String, String> read(String text) {
        return EnvFile.read(text.getBytes(StandardCharsets.UTF_8));
    }
}
