package dev.sam.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sam.emulator.GitHubEmulator;

/**
 * Starts the GitHub emulator on a free loopback port before Quarkus boots, gives it a fresh GitHub App (RSA key
 * written as PKCS#1 PEM, the form GitHub hands out), and points the API at it. Also fixes the admin key and a fresh
 * data directory. When {@code SAM_DB_URL} is set (the PostgreSQL surefire run) the API uses that database.
 */
public class GitHubEmulatorTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_KEY = "test-admin-key-" + UUID.randomUUID();

    private GitHubEmulator emulator;
    private long appId;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("sam-api-test-");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair app = generator.generateKeyPair();
            Path appKey = dir.resolve("github-app.pem");
            Files.writeString(appKey, pkcs1Pem(app.getPrivate().getEncoded()));
            emulator = GitHubEmulator.start();
            appId = ThreadLocalRandom.current().nextLong(1_000, 1_000_000);
            emulator.registerApp(appId, app.getPublic());

            Map<String, String> config = new HashMap<>();
            config.put("sam.data-dir", dir.resolve("data").toString());
            config.put("sam.admin-key", ADMIN_KEY);
            config.put("sam.github.api-url", emulator.baseUri().toString());
            config.put("sam.github.app-id", Long.toString(appId));
            config.put("sam.github.private-key-file", appKey.toString());
            config.put("sam.github.timeout", "2s");
            config.put("sam.provisioning.backoff", "50ms");
            config.put("sam.provisioning.attempts", "3");
            config.put("sam.provisioning.timeout", "1s");
            // Failure tests would otherwise open the breaker for the tests after them.
            config.put("dev.sam.api.github.GitHubAppClient/mint/CircuitBreaker/requestVolumeThreshold", "100000");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(emulator, new TestInjector.AnnotatedAndMatchesType(InjectEmulator.class, GitHubEmulator.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** The PKCS#1 RSAPrivateKey inside a JDK PKCS#8 encoding (its OCTET STRING), as PEM. */
    static String pkcs1Pem(byte[] pkcs8) {
        // PrivateKeyInfo: SEQUENCE(len) { INTEGER 0, AlgorithmIdentifier (15 bytes), OCTET STRING(len) { pkcs1 } }.
        int offset = 2 + (pkcs8[1] & 0x7f) + 3 + 15;
        if (pkcs8[offset] != 0x04) {
            throw new IllegalStateException("unexpected PKCS#8 layout");
        }
        int lengthBytes = pkcs8[offset + 1] & 0x7f;
        int start = offset + 2 + lengthBytes;
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, start, pkcs8.length);
        return "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }
}
