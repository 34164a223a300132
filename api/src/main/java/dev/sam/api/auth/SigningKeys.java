package dev.sam.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.jboss.logging.Logger;

import dev.sam.api.config.SamConfig;

/**
 * The API's RSA key for callback tokens and agent tokens. Read from {@code SAM_SIGNING_KEY_FILE}, or generated once
 * into {@code <data-dir>/signing-key.pem} (0600) and reused on every later start so issued tokens stay valid.
 */
// Created at start-up so a missing or unreadable key fails the start, and a generated one is logged at once.
@Startup
@ApplicationScoped
public class SigningKeys {
    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    static final String GENERATED_FILE = "signing-key.pem";

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String kid;

    @Inject
    public SigningKeys(SamConfig config) {
        this(config.signingKeyFile().orElse(config.dataDir().resolve(GENERATED_FILE)), config.signingKeyFile().isEmpty());
    }

    SigningKeys(Path file, boolean generateWhenMissing) {
        try {
            if (!Files.exists(file)) {
                if (!generateWhenMissing) {
                    throw new IllegalStateException("SAM_SIGNING_KEY_FILE points at a missing file: " + file);
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                if (PrivateFiles.createSecret(file, PemKeys.writePkcs8((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate()))) {
                    LOG.infof("generated a callback-token signing key at %s (0600); keep it to keep issued tokens valid", file);
                }
            }
            this.privateKey = PemKeys.readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.publicKey = PemKeys.publicKeyOf(privateKey);
        this.kid = thumbprint(publicKey);
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String kid() {
        return kid;
    }

    /** The JWKS document agents verify our tokens with. */
    public Map<String, Object> jwks() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", JwsCodec.RS256);
        jwk.put("kid", kid);
        jwk.put("n", JwsCodec.unsignedBase64(publicKey.getModulus()));
        jwk.put("e", JwsCodec.unsignedBase64(publicKey.getPublicExponent()));
        return Map.of("keys", List.of(jwk));
    }

    /** RFC 7638 JWK thumbprint: stable across restarts and distinct per key. */
    static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + JwsCodec.unsignedBase64(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + JwsCodec.unsignedBase64(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
