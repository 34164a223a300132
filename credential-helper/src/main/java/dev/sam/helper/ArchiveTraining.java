package dev.sam.helper;

import dev.sam.contract.workspace.HelperConfigKeys;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Build-time only: the training run for the class-data archive (AppCDS / AOT cache). It walks the
 * paths git takes through {@link HelperMain#run} with argv {@code get}: an answered request, a host
 * we do not serve, and an agent refusal ({@code quit=1}), against a canned loopback agent.
 *
 * <p>Everything this JVM loads goes into the archive, and the JVM loads and links every class of an
 * AOT cache at each start-up, used or not. So the training does nothing else: no picocli path
 * ({@code --help}, {@code doctor} are for people and load over 400 classes git never needs), no
 * lambdas, no temporary-file API (its {@code SecureRandom}); {@code build-dist.sh} hands it an
 * empty directory. Never run by the launcher.
 */
public final class ArchiveTraining {
    private static final String ANSWER = "username=x-access-token\npassword=ghs_training\npassword_expiry_utc=1\n";
    private static final String REFUSAL = "{\"reason\":\"installation_suspended\",\"message\":\"training\"}";

    private ArchiveTraining() {
    }

    /** {@code args[0]}: an empty directory for the config and credential files. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        // The launcher's process reads its config location from the environment: archive that path too.
        HelperContext.fromProcess();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread agent = new Thread(new Agent(server), "training-agent");
            agent.setDaemon(true);
            agent.start();
            Path credential = dir.resolve("credential");
            write(credential, "training-credential\n");
            Path config = dir.resolve("conf");
            write(config, HelperConfigKeys.AGENT_URL + "=http://127.0.0.1:" + server.getLocalPort() + "\n"
                    + HelperConfigKeys.CREDENTIAL_FILE + "=" + credential + "\n");
            for (String host : new String[] {"github.com", "gitlab.com", "github.com"}) {
                byte[] request = ("capability[]=authtype\ncapability[]=state\nprotocol=https\nhost=" + host + "\n\n").getBytes(StandardCharsets.UTF_8);
                HelperMain.run(new String[] {"get"}, new HelperContext(new ByteArrayInputStream(request), config));
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** First request gets a token, later ones a permanent refusal, so both answer paths are archived. */
    private static final class Agent implements Runnable {
        private final ServerSocket server;

        Agent(ServerSocket server) {
            this.server = server;
        }

        @Override
        public void run() {
            int n = 0;
            while (true) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buffer = new byte[8192];
                    int read = in.read(buffer);
                    boolean first = n++ == 0;
                    String body = first ? ANSWER : REFUSAL;
                    String status = first ? "200 OK" : "403 Forbidden";
                    String type = first ? "text/plain" : "application/json";
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (read <= 0) {
                        return;
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }
    }
}
