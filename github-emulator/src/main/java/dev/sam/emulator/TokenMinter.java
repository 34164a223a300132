package dev.sam.emulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/** Produces opaque installation-token strings in the configured {@link TokenFormat}. */
final class TokenMinter {
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    static final String PREFIX = "ghs_";

    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int CLASSIC_RANDOM_CHARS = 36;
    // Sized so that a LONG token is about 500 characters, like GitHub's stateless tokens.
    private static final int LONG_PAYLOAD_BYTES = 200;
    private static final int LONG_SIGNATURE_BYTES = 128;
    private static final String LONG_HEADER = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

    private final SecureRandom random = new SecureRandom();
    private volatile TokenFormat format = TokenFormat.CLASSIC;
    private volatile Duration lifetime = DEFAULT_LIFETIME;

    String mint(long appId) {
        return format == TokenFormat.LONG ? longToken(appId) : classicToken();
    }

    TokenFormat format() {
        return format;
    }

    void setFormat(TokenFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    Duration lifetime() {
        return lifetime;
    }

    void setLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive");
        }
        this.lifetime = lifetime;
    }

    private String classicToken() {
        StringBuilder token = new StringBuilder(PREFIX.length() + CLASSIC_RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < CLASSIC_RANDOM_CHARS; i++) {
            token.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        }
        return token.toString();
    }

    // ghs_APPID_JWT: a signed-looking compact JWS, so it holds '.', '_' and '-' like the real thing.
    private String longToken(long appId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + appId + "_" + LONG_HEADER
                + "." + b64.encodeToString(randomBytes(LONG_PAYLOAD_BYTES))
                + "." + b64.encodeToString(randomBytes(LONG_SIGNATURE_BYTES));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
