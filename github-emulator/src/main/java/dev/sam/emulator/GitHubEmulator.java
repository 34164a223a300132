package dev.sam.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.sam.emulator.git.GitGrant;
import dev.sam.emulator.git.GitHttpsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GitHub stand-in on 127.0.0.1 for the App installation-token endpoints. Start one per test
 * (or per class), configure apps and installations, point the client under test at {@link #baseUri()}.
 */
public final class GitHubEmulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GitHubEmulator.class.getName());

    private final EmulatorState state;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;
    private volatile Runnable configurationListener = () -> { };
    private final AtomicBoolean closed = new AtomicBoolean();
    private GitHttpsServer git;

    private GitHubEmulator(int port) throws IOException {
        ObjectMapper json = new ObjectMapper();
        this.state = new EmulatorState(json);
        JsonExchange io = new JsonExchange(json);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        AtomicInteger threadNumber = new AtomicInteger();
        // Unbounded platform threads: hung and delayed exchanges each hold one, and tests fire
        // 100 concurrent requests; Java 17 has no virtual threads.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "github-emulator-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new GitHubApiHandler(state, io));
        server.createContext(ControlHandler.PREFIX, new ControlHandler(this, io));
        server.start();
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        LOG.log(System.Logger.Level.INFO, "GitHub emulator listening on " + baseUri);
    }

    /** Starts on a free port of 127.0.0.1. */
    public static GitHubEmulator start() {
        return start(0);
    }

    public static GitHubEmulator start(int port) {
        try {
            return new GitHubEmulator(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the GitHub emulator on port " + port, e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public void registerApp(long appId, PublicKey key) {
        state.registry().registerApp(appId, key);
        configurationListener.run();
    }

    /** An installation any registered app may use; repositories as {@code owner/name}. */
    public void addInstallation(long installationId, String account, Map<String, String> permissions,
                                List<String> repositoryFullNames) {
        state.registry().addInstallation(installationId, Installation.ANY_APP, account, permissions,
                repositoryFullNames);
        configurationListener.run();
    }

    /** An installation of one app: other apps get 404 for it, as on GitHub. */
    public void addInstallation(long appId, long installationId, String account, Map<String, String> permissions,
                                List<String> repositoryFullNames) {
        state.registry().addInstallation(installationId, appId, account, permissions, repositoryFullNames);
        configurationListener.run();
    }

    public void addRepositories(long installationId, List<String> repositoryFullNames) {
        state.registry().addRepositories(installationId, repositoryFullNames);
        configurationListener.run();
    }

    public void suspendInstallation(long installationId) {
        state.registry().suspend(installationId, state.clock().now());
        configurationListener.run();
    }

    public void unsuspendInstallation(long installationId) {
        state.registry().unsuspend(installationId);
        configurationListener.run();
    }

    public void removeInstallation(long installationId) {
        state.registry().remove(installationId);
        configurationListener.run();
    }

    /** Consumed one per access_tokens request, in order, before normal handling. */
    public void enqueueFaults(Fault... faults) {
        state.faults().enqueue(List.of(faults));
    }

    /** GitHub's clock = real clock + offset. A negative offset makes the client look "ahead". */
    public void setClockOffset(Duration offset) {
        state.clock().setOffset(offset);
    }

    public Instant now() {
        return state.clock().now();
    }

    public void setTokenLifetime(Duration lifetime) {
        state.minter().setLifetime(lifetime);
    }

    public void setTokenFormat(TokenFormat format) {
        state.minter().setFormat(format);
    }

    /** Tokens minted (201 answers). */
    public int mintCount() {
        return state.ledger().mintCount();
    }

    public int mintCount(long installationId) {
        return state.ledger().mintCount(installationId);
    }

    /** Mints per scope, keyed {@code "installationId:owner/a,owner/b:perm=level,..."} (sorted). */
    public Map<String, Integer> mintCountsByScope() {
        return state.ledger().mintsByScope();
    }

    /** Every access_tokens request, including failed and faulted ones. */
    public int accessTokenRequestCount() {
        return state.ledger().requestCount();
    }

    /** Every token minted, in order. Test-only: holds raw tokens. */
    public List<IssuedToken> issuedTokens() {
        return state.ledger().issued();
    }

    /** The token's grant if it is live at {@code at} and its installation is active. */
    public Optional<IssuedToken> validToken(String token, Instant at) {
        return state.ledger().live(token, at)
                .filter(t -> state.registry().find(t.installationId()).filter(i -> !i.suspended()).isPresent());
    }

    /**
     * Starts (once) the git endpoint: smart HTTP over HTTPS that accepts only live installation
     * tokens scoped to the repository, as GitHub does. TLS material and bare copies go under {@code workDir}.
     */
    public synchronized GitHttpsServer startGit(Path workDir) {
        if (git == null) {
            git = GitHttpsServer.start(workDir, 0, token -> validToken(token, now())
                    .map(t -> new GitGrant(t.installationId(), t.repositories(), t.permissions(),
                            TokenLedger.sha256(t.token()).substring(0, 12))));
        }
        return git;
    }

    /** The git endpoint, starting it in a temporary directory if nobody chose one. */
    synchronized GitHttpsServer gitOrStart() {
        if (git == null) {
            try {
                startGit(Files.createTempDirectory("sam-emulator-git"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return git;
    }

    public synchronized Optional<GitHttpsServer> git() {
        return Optional.ofNullable(git);
    }

    public void revoke(String token) {
        state.ledger().revoke(token);
    }

    /** Clears counters and pending faults; apps, installations, settings and minted tokens stay. */
    public void reset() {
        state.ledger().resetCounters();
        state.faults().clear();
    }

    /** Called after apps or installations change; the standalone main persists the state file with it. */
    void onConfigurationChange(Runnable listener) {
        this.configurationListener = listener;
    }

    EmulatorState state() {
        return state;
    }

    /** Idempotent. Releases hung exchanges first so that stopping never waits on them. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        state.faults().releaseHung();
        git().ifPresent(GitHttpsServer::close);
        server.stop(0);
        executor.shutdownNow();
    }
}
