package dev.sam.agent;

import dev.sam.agent.config.AgentConfig;
import dev.sam.agent.config.NodeTokenSource;
import dev.sam.agent.config.RuntimeKind;
import dev.sam.agent.controlplane.ControlPlaneClient;
import dev.sam.agent.controlplane.JwksKeys;
import dev.sam.agent.controlplane.JwtVerifier;
import dev.sam.agent.credential.AgentMetrics;
import dev.sam.agent.credential.BackgroundRefresher;
import dev.sam.agent.credential.GitCredentialService;
import dev.sam.agent.credential.TokenService;
import dev.sam.agent.provision.ProvisioningService;
import dev.sam.agent.provision.ProvisioningWarmup;
import dev.sam.agent.provision.WorkspaceFiles;
import dev.sam.agent.runtime.WorkspaceRuntime;
import dev.sam.agent.runtime.bwrap.BwrapRuntime;
import dev.sam.agent.runtime.bwrap.HostTree;
import dev.sam.agent.runtime.docker.DockerRuntime;
import dev.sam.agent.workspace.WorkspaceLayout;
import dev.sam.agent.workspace.WorkspaceStore;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The agent's composition root, framework-free so tests can start and stop "the agent" over one
 * data directory without booting Quarkus; the Quarkus layer only produces it and maps HTTP.
 */
public final class AgentServices implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentServices.class);
    private final AgentConfig config;
    private final WorkspaceLayout layout;
    private final WorkspaceStore store;
    private final WorkspaceRuntime runtime;
    private final ControlPlaneClient controlPlane;
    private final JwksKeys jwks;
    private final JwtVerifier jwtVerifier;
    private final AgentMetrics metrics = new AgentMetrics();
    private final TokenService tokens;
    private final WorkspaceFiles files;
    private final ProvisioningService provisioning;
    private final GitCredentialService gitCredentials;
    private final BackgroundRefresher refresher;
    private final ExecutorService workers;

    public AgentServices(AgentConfig config, Clock clock) {
        this.config = config;
        this.layout = new WorkspaceLayout(config.dataDir());
        this.store = new WorkspaceStore(layout);
        this.controlPlane = new ControlPlaneClient(config.controlPlaneUrl(), config.httpTimeout());
        this.jwks = new JwksKeys(controlPlane, clock, config.jwksCacheTtl());
        this.jwtVerifier = new JwtVerifier(jwks, clock);
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sam-agent-worker");
            t.setDaemon(true);
            return t;
        });
        this.runtime = runtime(config, layout, workers);
        List<String> extraHosts = config.extraHosts().orElse(List.of());
        Optional<String> nodeToken = NodeTokenSource.resolve(config);
        this.tokens = new TokenService(controlPlane, store, () -> nodeToken, clock, config.refreshMargin(), config.serveMargin(),
                config.httpTimeout().plusSeconds(1), config.backoffInitial(), config.backoffMax(), metrics, workers);
        this.files = new WorkspaceFiles(runtime, config.controlPlaneUrl(), config.nodeId(), agentUrl(config),
                config.workspaceUid(), config.workspaceGid(), extraHosts);
        this.provisioning = new ProvisioningService(store, runtime, files, tokens, controlPlane, workers, config.backoffInitial(),
                config.backoffMax(), config.backoffTotal(), config.reportAttempts());
        this.gitCredentials = new GitCredentialService(store, tokens, extraHosts);
        this.refresher = new BackgroundRefresher(tokens, store, controlPlane, clock, config.callbackRefreshBefore());
    }

    public static AgentServices start(AgentConfig config, Clock clock) {
        AgentServices s = new AgentServices(config, clock);
        s.start();
        return s;
    }

    /** Restores state, fetches the control plane's JWKS, resumes unfinished provisioning, starts the refresher (which fetches tokens again). */
    public void start() {
        store.load();
        workers.execute(() -> {
            jwks.prefetch();
            writeNodeFiles();
            ProvisioningWarmup.run(jwks, agentUrl(config), config.workspaceUid(), config.workspaceGid());
        });
        provisioning.resume();
        refresher.start(config.refreshCheckInterval());
    }

    /** Ahead of the first workspace; one that cannot be written now is tried again by every provisioning. */
    private void writeNodeFiles() {
        try {
            files.writeNodeFiles();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot write the node's workspace files at start (each provisioning tries again): %s", e.getMessage());
        }
    }

    /** The URL written into every workspace's helper config: stable across restarts by configuration. */
    public static String agentUrl(AgentConfig config) {
        return config.url().orElse("http://" + config.listenAddress() + ":" + config.port());
    }

    private static WorkspaceRuntime runtime(AgentConfig config, WorkspaceLayout layout, ExecutorService workers) {
        if (config.runtime() == RuntimeKind.docker) {
            return new DockerRuntime(layout, config.dockerCommand(), config.dockerImage(), config.workspaceUid(), config.workspaceGid());
        }
        return new BwrapRuntime(layout, config.bwrapCommand(), config.workspaceUid(), config.workspaceGid(), config.workspaceUser(),
                config.helperDist(), HostTree.real(), workers);
    }

    @Override
    public void close() {
        refresher.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public AgentConfig config() {
        return config;
    }

    public WorkspaceLayout layout() {
        return layout;
    }

    public WorkspaceStore store() {
        return store;
    }

    public WorkspaceRuntime runtime() {
        return runtime;
    }

    public JwtVerifier jwtVerifier() {
        return jwtVerifier;
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    public TokenService tokens() {
        return tokens;
    }

    public ProvisioningService provisioning() {
        return provisioning;
    }

    public GitCredentialService gitCredentials() {
        return gitCredentials;
    }

    public BackgroundRefresher refresher() {
        return refresher;
    }
}
