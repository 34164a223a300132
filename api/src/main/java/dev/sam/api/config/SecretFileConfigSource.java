package dev.sam.api.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.smallrye.config.EnvConfigSource;

/**
 * Every {@code SAM_<NAME>_FILE} environment variable (or system property) supplies {@code SAM_<NAME>} from the
 * file it points at, so secrets can come from mounted files instead of the environment. One trailing newline is
 * dropped. Env-style name matching (inherited) makes {@code SAM_ADMIN_KEY} also answer {@code sam.admin-key}.
 * {@code SAM_GITHUB_PRIVATE_KEY_FILE} and {@code SAM_SIGNING_KEY_FILE} are settings in their own right (paths) and
 * are left alone.
 * Ordinal 290: just below real env vars (300), so an explicit {@code SAM_<NAME>} wins over its {@code _FILE}.
 */
public final class SecretFileConfigSource extends EnvConfigSource {
    static final String PREFIX = "SAM_";
    static final String SUFFIX = "_FILE";
    /** Settings whose value is a path by design (the key files); their content must never become a config value. */
    static final java.util.Set<String> PATH_SETTINGS = java.util.Set.of("SAM_GITHUB_PRIVATE_KEY_FILE", "SAM_SIGNING_KEY_FILE");

    public SecretFileConfigSource() {
        super(load(merged()), 290);
    }

    @Override
    public String getName() {
        return "SAM *_FILE secrets";
    }

    private static Map<String, String> merged() {
        Map<String, String> all = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> all.put(String.valueOf(k), String.valueOf(v)));
        return all;
    }

    static Map<String, String> load(Map<String, String> source) {
        Map<String, String> values = new HashMap<>();
        source.forEach((name, file) -> {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.length() > PREFIX.length() + SUFFIX.length()
                    && !PATH_SETTINGS.contains(name) && !file.isBlank()) {
                values.put(name.substring(0, name.length() - SUFFIX.length()), read(name, Path.of(file)));
            }
        });
        return values;
    }

    private static String read(String name, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            return text;
        } catch (IOException e) {
            // Name the variable, never the content.
            throw new UncheckedIOException(name + " points at a file that cannot be read: " + file, e);
        }
    }
}
