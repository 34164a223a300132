package dev.sam.helper;

import dev.sam.contract.workspace.HelperConfigKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time only: the training run for the class-data archive (AppCDS / AOT cache). It answers the
 * helper's requests from a canned loopback agent and walks the paths git takes (an answered
 * {@code get}, a host we do not serve, an agent error), so the archive holds exactly the classes a
 * real {@code get} loads. Never run by the launcher.
 */
public final class ArchiveTraining {
    private static final String ANSWER = "username=x-access-token\npassword=ghs_training\npassword_expiry_utc=1\n";
    private static final String REFUSAL = "{\"reason\":\"installation_suspended\",\"message\":\"training\"}";

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sam-helper-training");
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread agent = new Thread(() -> serve(server), "training-agent");
            agent.setDaemon(true);
            agent.start();
            Path credential = Files.writeString(dir.resolve("credential"), "training-credential\n");
            Path config = Files.writeString(dir.resolve("conf"), HelperConfigKeys.AGENT_URL + "=http://127.0.0.1:"
                    + server.getLocalPort() + "\n" + HelperConfigKeys.CREDENTIAL_FILE + "=" + credential + "\n");
            for (String host : new String[] {"github.com", "gitlab.com", "github.com"}) {
                byte[] request = ("capability[]=authtype\r\nprotocol=https\r\nhost=" + host + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                GitCredentialSam.run(new String[] {"get"}, new HelperContext(new ByteArrayInputStream(request), config));
            }
            // The picocli path too (--help, --version, doctor are for people, but should not crawl).
            for (String option : new String[] {"--help", "--version"}) {
                GitCredentialSam.run(new String[] {option}, new HelperContext(new ByteArrayInputStream(new byte[0]), config));
            }
        } finally {
            for (String name : new String[] {"credential", "conf"}) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.deleteIfExists(dir);
        }
    }

    /** First request gets a token, later ones a permanent refusal, so both answer paths are archived. */
    private static void serve(ServerSocket server) {
        int n = 0;
        while (true) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buffer = new byte[8192];
                int read = in.read(buffer);
                String head = read > 0 ? new String(buffer, 0, read, StandardCharsets.ISO_8859_1) : "";
                boolean first = n++ == 0;
                String body = first ? ANSWER : REFUSAL;
                String status = first ? "200 OK" : "403 Forbidden";
                String type = first ? "text/plain" : "application/json";
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (head.isEmpty()) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
        }
    }
}
