package dev.sam.emulator.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's TLS material: a usable key store only its owner can read, and a shareable CA. */
class SelfSignedTlsTest {
    @TempDir
    Path dir;

    @Test
    void keyStoreIsPrivateAndTheCertificateIsPem() throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.p12"))),
                "the server's private key");
        String pem = Files.readString(tls.caPem());
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
        assertEquals("TLS", tls.context().getProtocol(), "the key store opened with its password");
    }
}
