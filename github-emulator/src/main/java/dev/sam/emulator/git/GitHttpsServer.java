package dev.sam.emulator.git;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub's git endpoint stand-in: smart HTTP over HTTPS on 127.0.0.1 with a generated CA. Clones
 * are {@code https://127.0.0.1:PORT/owner/name.git}; git must trust {@link #caPem()} and present an
 * installation token as the Basic password.
 */
public final class GitHttpsServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GitHttpsServer.class.getName());

    private final HttpsServer server;
    private final ExecutorService executor;
    private final GitRepositories repositories;
    private final GitRequestLog log = new GitRequestLog();
    private final SelfSignedTls tls;
    private final URI baseUri;

    private GitHttpsServer(Path workDir, int port, GitTokenCheck tokens) throws IOException {
        this.tls = SelfSignedTls.generate(workDir.resolve("tls"));
        this.repositories = new GitRepositories(workDir.resolve("repositories"));
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "github-emulator-git-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new GitSmartHttpHandler(repositories, tokens, log));
        server.start();
        this.baseUri = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        LOG.log(System.Logger.Level.INFO, "git smart HTTP listening on " + baseUri + ", CA " + tls.caPem());
    }

    /** Starts on {@code port} (0 = free) with TLS material and bare copies under {@code workDir}. */
    public static GitHttpsServer start(Path workDir, int port, GitTokenCheck tokens) {
        try {
            return new GitHttpsServer(workDir, port, tokens);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the git endpoint", e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    /** {@code 127.0.0.1:PORT}: git's credential {@code host}, the enterprise host to allow. */
    public String host() {
        return baseUri.getAuthority();
    }

    public Path caPem() {
        return tls.caPem();
    }

    /** Serves {@code source} as {@code owner/name}; answers the clone URL. */
    public URI register(String fullName, Path source) {
        repositories.register(fullName, source);
        return cloneUri(fullName);
    }

    public URI cloneUri(String fullName) {
        return baseUri.resolve("/" + fullName + ".git");
    }

    public List<String> repositories() {
        return repositories.names();
    }

    public List<GitRequestOutcome> outcomes() {
        return log.outcomes();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
