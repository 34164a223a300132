package dev.sam.emulator.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away self-signed certificate for {@code 127.0.0.1}/{@code localhost} that is its own CA,
 * made with the JDK's {@code keytool} (the JDK has no public API to sign certificates).
 * Clients trust {@link #caPem()}: git through {@code http.sslCAInfo}. The key store password is
 * random per generation and never leaves this object.
 */
public final class SelfSignedTls {
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path caPem;
    private final SSLContext context;

    private SelfSignedTls(Path caPem, SSLContext context) {
        this.caPem = caPem;
        this.context = context;
    }

    /** Generates into {@code dir} (created if needed): {@code ca.pem} is the only file meant to be shared. */
    public static SelfSignedTls generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String pass = HexFormat.of().formatHex(random);
            Path server = dir.resolve("server.p12");
            Path caPem = dir.resolve("ca.pem");
            Files.deleteIfExists(server);
            Files.deleteIfExists(caPem);
            // One self-signed certificate that is its own CA (basic constraints CA:true) and names
            // 127.0.0.1 and localhost: two keytool runs instead of a CA plus a signed leaf (seven),
            // which matters on a loaded 2-core machine; git and curl accept it as the trust anchor.
            keytool(pass, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=SAM GitHub emulator", "-ext", "bc:c", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", server.toString());
            Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rw-------"));
            keytool(pass, "-exportcert", "-rfc", "-alias", "server", "-keystore", server.toString(), "-file", caPem.toString());
            return new SelfSignedTls(caPem, context(server, pass.toCharArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate TLS material in " + dir, e);
        }
    }

    /** The CA certificate (PEM) that clients trust. */
    public Path caPem() {
        return caPem;
    }

    SSLContext context() {
        return context;
    }

    private static SSLContext context(Path keystore, char[] pass) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pass);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the generated key store", e);
        }
    }

    private static final String PASS_ENV = "SAM_EMULATOR_KEYSTORE_PASS";

    private static void keytool(String pass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        // The password reaches keytool through its environment (":env"), never its argv.
        command.addAll(List.of("-storepass:env", PASS_ENV));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keypass:env", PASS_ENV));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(PASS_ENV, pass);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " failed: " + new String(out, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
