package dev.sam.agent.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The per-workspace secret the helper presents to the agent: 256 random bits. The agent keeps only
 * its SHA-256, so its state file alone cannot be used to impersonate a workspace.
 */
public final class WorkspaceCredential {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Prefix makes the secret recognisable (and redactable) in a leak. */
    public static final String PREFIX = "samwc_";

    private WorkspaceCredential() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String credential) {
        // Hashed on every /git-credential request: one digest per thread instead of a provider lookup each time.
        return HexFormat.of().formatHex(DIGEST.get().digest(credential.getBytes(StandardCharsets.UTF_8)));
    }

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
