package dev.sam.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code SAM_X_FILE} supplies {@code SAM_X}: content read once, one trailing newline dropped; other names ignored. */
class SecretFileConfigSourceTest {
    @Test
    void fileVariablesSupplyTheirValue(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("admin");
        Files.writeString(key, "s3cr3t value\n");
        Path url = dir.resolve("url");
        Files.writeString(url, "jdbc:postgresql://db/sam");
        Map<String, String> values = SecretFileConfigSource.load(Map.of("SAM_ADMIN_KEY_FILE", key.toString(),
                "SAM_DB_URL_FILE", url.toString(), "OTHER_FILE", key.toString(), "SAM__FILE", key.toString(),
                "SAM_GITHUB_PRIVATE_KEY_FILE", key.toString(), "SAM_SIGNING_KEY_FILE", key.toString()));
        assertEquals("s3cr3t value", values.get("SAM_ADMIN_KEY"));
        assertEquals("jdbc:postgresql://db/sam", values.get("SAM_DB_URL"));
        assertFalse(values.containsKey("OTHER"));
        assertFalse(values.containsKey("SAM_GITHUB_PRIVATE_KEY"), "key file paths are settings, not secrets to inline");
        assertEquals(2, values.size());
    }

    @Test
    void unreadableFileNamesTheVariableNotTheContent(@TempDir Path dir) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> SecretFileConfigSource.load(Map.of("SAM_DB_PASSWORD_FILE", dir.resolve("missing").toString())));
        assertTrue(e.getMessage().contains("SAM_DB_PASSWORD_FILE"));
    }
}
