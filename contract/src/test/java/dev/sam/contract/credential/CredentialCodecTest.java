package dev.sam.contract.credential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialCodecTest {

    @Test
    void readsGitsGetRequestWithCapabilitiesAndUnknownKeys() {
        CredentialMessage m = read("capability[]=authtype\ncapability[]=state\nprotocol=https\nhost=github.com\n"
                + "path=o/r.git\nwwwauth[]=Basic realm=\"GitHub\"\nfuture_key=kept\n\n");
        assertEquals(List.of("authtype", "state"), m.getAll(CredentialMessage.CAPABILITY));
        assertEquals("https", m.protocol().orElseThrow());
        assertEquals("github.com", m.host().orElseThrow());
        assertEquals("o/r.git", m.path().orElseThrow());
        assertEquals(List.of("Basic realm=\"GitHub\""), m.getAll(CredentialMessage.WWWAUTH));
        assertEquals("kept", m.get("future_key").orElseThrow());
    }

    @Test
    void toleratesCrlfAndMissingFinalBlankLine() {
        CredentialMessage m = read("protocol=https\r\nhost=github.com\r\npath=a");
        assertEquals("github.com", m.host().orElseThrow());
        assertEquals("a", m.path().orElseThrow());
    }

    @Test
    void stopsAtTheBlankLineAndLeavesTheRestUnread() throws IOException {
        InputStream in = new ByteArrayInputStream("host=a\n\nhost=b\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("a", CredentialCodec.read(in).host().orElseThrow());
        assertEquals("host=b\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertEquals("a=b=c", read("password=a=b=c\n").password().orElseThrow());
    }

    @Test
    void laterValueOverridesEarlierForPlainKeys() {
        assertEquals("second", read("host=first\nhost=second\n").host().orElseThrow());
    }

    @Test
    void rejectsNulAndLinesWithoutKeyValue() {
        assertThrows(CredentialFormatException.class, () -> read("host=git\0hub.com\n"));
        assertThrows(CredentialFormatException.class, () -> read("justtext\n"));
        assertThrows(CredentialFormatException.class, () -> read("=value\n"));
    }

    @Test
    void rejectsOversizedInput() {
        assertThrows(CredentialFormatException.class, () -> read("path=" + "a".repeat(70_000) + "\n"));
    }

    @Test
    void writesExpiryAndQuitAndReadsThemBack() {
        CredentialMessage out = CredentialMessage.builder()
                .add(CredentialMessage.USERNAME, "x-access-token")
                .add(CredentialMessage.PASSWORD, "ghs_abc")
                .add(CredentialMessage.PASSWORD_EXPIRY_UTC, 1_800_000_000L)
                .add(CredentialMessage.QUIT, "1")
                .build();
        byte[] bytes = CredentialCodec.toBytes(out);
        assertArrayEquals(("username=x-access-token\npassword=ghs_abc\npassword_expiry_utc=1800000000\nquit=1\n")
                .getBytes(StandardCharsets.UTF_8), bytes);
        CredentialMessage back = CredentialCodec.read(bytes);
        assertEquals(out, back);
        assertEquals(1_800_000_000L, back.passwordExpiryUtc().getAsLong());
        assertTrue(back.quit());
    }

    @Test
    void quitIsFalseUnlessOneOrTrue() {
        assertFalse(read("quit=0\n").quit());
        assertFalse(read("host=a\n").quit());
        assertTrue(read("quit=true\n").quit());
    }

    @Test
    void writerRefusesNewlineCarriageReturnAndNulInValuesAndBadKeys() {
        for (String bad : new String[] {"a\nb", "a\rb", "a\0b"}) {
            CredentialMessage m = CredentialMessage.builder().add("password", bad).build();
            assertThrows(CredentialFormatException.class, () -> CredentialCodec.toBytes(m));
        }
        for (String key : new String[] {"", "a=b", "a\nb"}) {
            CredentialMessage m = CredentialMessage.builder().add(key, "v").build();
            assertThrows(CredentialFormatException.class, () -> CredentialCodec.toBytes(m));
        }
    }

    @Test
    void toStringNeverShowsValues() {
        String s = read("password=ghs_secretsecretsecret\n").toString();
        assertFalse(s.contains("ghs_"), s);
    }

    @Test
    void byteArrayReaderAgreesWithStreamReaderOnEdgeCases() throws IOException {
        int max = CredentialCodec.MAX_MESSAGE_BYTES;
        String atLimit = "path=" + "a".repeat(max - "path=".length() - 1) + "\n";
        List<String> inputs = List.of("", "\n", "\r\n", "\r\n\r\n", "host=a", "host=a\r", "host=a\r\n\r\nhost=b\n",
                "host=a\rb\n", "host=a\n\nthen garbage without equals\n", "path=caf\u00e9/\u65e5\u672c\n", "k=\n=v\n",
                "host=a\nno-equals", "x=y\u0000\n", "host=a\n\n\u0000", atLimit, atLimit + "\nmore=after-the-end\n",
                atLimit.substring(0, atLimit.length() - 1) + "b\n", "path=" + "a".repeat(max) + "\n");
        for (String input : inputs) {
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            String fromStream = outcome(() -> CredentialCodec.read(new ByteArrayInputStream(bytes)));
            String fromArray = outcome(() -> CredentialCodec.read(bytes));
            assertEquals(fromStream, fromArray, "input of " + bytes.length + " bytes: " + input.substring(0, Math.min(40, input.length())));
        }
        assertEquals("host=a|", outcome(() -> CredentialCodec.read("host=a\r\n\r\nhost=b\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals(max, atLimit.getBytes(StandardCharsets.UTF_8).length);
        assertEquals("CredentialFormatException", outcome(() -> CredentialCodec.read((atLimit.substring(0, atLimit.length() - 1) + "b\n")
                .getBytes(StandardCharsets.UTF_8))));
    }

    private interface Reader {
        CredentialMessage read() throws IOException;
    }

    /** A message as its attributes (a long value as its length and hash) or the exception type it raised. */
    private static String outcome(Reader reader) throws IOException {
        try {
            StringBuilder sb = new StringBuilder();
            for (CredentialMessage.Attribute a : reader.read().attributes()) {
                String v = a.value().length() <= 40 ? a.value() : a.value().length() + " chars #" + a.value().hashCode();
                sb.append(a.key()).append('=').append(v).append('|');
            }
            return sb.toString();
        } catch (CredentialFormatException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static CredentialMessage read(String text) {
        return CredentialCodec.read(text.getBytes(StandardCharsets.UTF_8));
    }
}
