package dev.sam.acptest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the test agent tells about its environment: whether GH_TOKEN is set, its length, the first
 * 12 hex characters of its SHA-256, and SAM_WORKSPACE_ID. Never the token itself. One line,
 * {@code key=value} pairs separated by spaces, so tests can compare it exactly.
 */
public final class EnvironmentReport {
    static final String GH_TOKEN = "GH_TOKEN";
    static final String SAM_WORKSPACE_ID = "SAM_WORKSPACE_ID";
    static final int HASH_PREFIX = 12;

    private EnvironmentReport() {
    }

    public static String of(Map<String, String> env) {
        String token = env.getOrDefault(GH_TOKEN, "");
        String workspace = env.getOrDefault(SAM_WORKSPACE_ID, "");
        return "gh_token_set=" + !token.isEmpty()
                + " gh_token_length=" + token.length()
                + " gh_token_sha256_12=" + (token.isEmpty() ? "-" : sha256(token).substring(0, HASH_PREFIX))
                + " sam_workspace_id=" + (workspace.isEmpty() ? "-" : workspace);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
