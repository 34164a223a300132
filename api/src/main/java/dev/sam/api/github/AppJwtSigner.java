package dev.sam.api.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.sam.api.auth.JwsCodec;
import dev.sam.api.auth.PemKeys;
import dev.sam.api.config.SamConfig;

/**
 * Signs the app JWT GitHub wants for minting: RS256, {@code iss} the app id, {@code iat} 60 s in the past (GitHub's
 * advice against clock drift) and {@code exp} 9 minutes after {@code iat}, under GitHub's 10-minute ceiling.
 */
@ApplicationScoped
public class AppJwtSigner {
    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);

    private final SamConfig.GitHub config;
    private final Clock clock;
    private volatile RSAPrivateCrtKey key;

    @Inject
    public AppJwtSigner(SamConfig config) {
        this(config.github(), Clock.systemUTC());
    }

    AppJwtSigner(SamConfig.GitHub config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public String sign() {
        long appId = config.appId().orElseThrow(() -> new GitHubNotConfiguredException("SAM_GITHUB_APP_ID is not set"));
        Instant iat = clock.instant().minus(BACKDATE);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", JwsCodec.RS256);
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", iat.getEpochSecond());
        claims.put("exp", iat.plus(LIFETIME).getEpochSecond());
        claims.put("iss", String.valueOf(appId));
        return JwsCodec.sign(header, claims, key());
    }

    // Loaded lazily so the API starts (and serves everything but git tokens) before the GitHub App is set up.
    private RSAPrivateCrtKey key() {
        RSAPrivateCrtKey loaded = key;
        if (loaded == null) {
            var file = config.privateKeyFile()
                    .orElseThrow(() -> new GitHubNotConfiguredException("SAM_GITHUB_PRIVATE_KEY_FILE is not set"));
            try {
                loaded = PemKeys.readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read SAM_GITHUB_PRIVATE_KEY_FILE " + file, e);
            }
            key = loaded;
        }
        return loaded;
    }

    /** The GitHub App is not configured: an operator problem, reported as such. */
    public static final class GitHubNotConfiguredException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GitHubNotConfiguredException(String message) {
            super(message, null, false, false);
        }
    }
}
