package dev.sam.api.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the API reads from configuration. Env var names follow MicroProfile's mapping: {@code sam.github.app-id} is {@code SAM_GITHUB_APP_ID}. */
@ConfigMapping(prefix = "sam")
public interface SamConfig {
    /** {@code SAM_DATA_DIR}: H2 database, generated signing key and generated admin key live here. */
    @WithDefault("./.sam/api")
    Path dataDir();

    /** {@code SAM_ADMIN_KEY} / {@code SAM_ADMIN_KEY_FILE}: bearer key of the operator endpoints; generated into the data dir when absent. */
    Optional<String> adminKey();

    /** {@code SAM_SIGNING_KEY_FILE}: PEM RSA private key signing callback tokens; generated into the data dir when absent. */
    Optional<Path> signingKeyFile();

    /** {@code SAM_CALLBACK_TOKEN_LIFETIME}: lifetime of workspace and node callback tokens. */
    @WithDefault("24h")
    Duration callbackTokenLifetime();

    GitHub github();

    Provisioning provisioning();

    interface GitHub {
        /** {@code SAM_GITHUB_API_URL}. */
        @WithDefault("https://api.github.com")
        URI apiUrl();

        /** {@code SAM_GITHUB_APP_ID}: the GitHub App's id (the app JWT's {@code iss}). */
        Optional<Long> appId();

        /** {@code SAM_GITHUB_PRIVATE_KEY_FILE}: the app's private key as GitHub issues it (PKCS#1) or PKCS#8. */
        Optional<Path> privateKeyFile();

        /** {@code SAM_GITHUB_PERMISSIONS}: permissions requested for every installation token, {@code name=level,...}. */
        @WithDefault("contents=write,pull_requests=write,metadata=read")
        String permissions();

        /** {@code SAM_GITHUB_TOKEN_MIN_REMAINING}: a cached token is served only while this much life remains. */
        @WithDefault("10m")
        Duration tokenMinRemaining();

        /** {@code SAM_GITHUB_TIMEOUT}: per-request timeout towards GitHub. */
        @WithDefault("10s")
        Duration timeout();

        /** {@code SAM_GITHUB_RATE_LIMIT_DEFAULT_WAIT}: how long to back off when GitHub rate-limits without saying how long. */
        @WithDefault("60s")
        Duration rateLimitDefaultWait();
    }

    interface Provisioning {
        /** {@code SAM_PROVISIONING_ATTEMPTS}: attempts to deliver a workspace to its node's agent. */
        @WithDefault("4")
        int attempts();

        /** {@code SAM_PROVISIONING_BACKOFF}: first delay between attempts; doubles each time, jittered. */
        @WithDefault("500ms")
        Duration backoff();

        /** {@code SAM_PROVISIONING_TIMEOUT}: per-attempt timeout towards the agent. */
        @WithDefault("5s")
        Duration timeout();
    }
}
