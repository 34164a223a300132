package dev.sam.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.jboss.logging.Logger;

import dev.sam.api.config.SamConfig;

/**
 * The operator's bearer key. From {@code SAM_ADMIN_KEY} / {@code SAM_ADMIN_KEY_FILE}; when neither is set, a random
 * key is generated once into {@code <data-dir>/admin-key} (0600) and its path (never its value) is logged, so a fresh
 * install is usable by whoever can read the data directory and by nobody else.
 */
// Created at start-up so a missing or unreadable key fails the start, and a generated one is logged at once.
@Startup
@ApplicationScoped
public class AdminKey {
    private static final Logger LOG = Logger.getLogger(AdminKey.class);
    public static final String GENERATED_FILE = "admin-key";
    private static final int MIN_LENGTH = 16;

    private final byte[] key;

    @Inject
    public AdminKey(SamConfig config) {
        String value = config.adminKey().filter(k -> !k.isBlank()).orElseGet(() -> generated(config.dataDir().resolve(GENERATED_FILE)));
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("SAM_ADMIN_KEY must be at least " + MIN_LENGTH + " characters");
        }
        this.key = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison of a presented bearer value. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String generated(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                if (PrivateFiles.createSecret(file, HexFormat.of().formatHex(random) + "\n")) {
                    LOG.infof("no SAM_ADMIN_KEY configured: generated one into %s (0600)", file);
                }
            } else {
                LOG.infof("no SAM_ADMIN_KEY configured: using the one in %s", file);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin key " + file, e);
        }
    }
}
