package dev.sam.e2e.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.agent.workspace.WorkspaceLayout;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.api.CreateInstallationRequest;
import dev.sam.contract.api.CreateNodeRequest;
import dev.sam.contract.api.CreateWorkspaceRequest;
import dev.sam.contract.session.SessionTokens;
import dev.sam.contract.workspace.WorkspacePaths;
import dev.sam.e2e.session.AcpSession;
import dev.sam.e2e.session.PtySession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole system on one machine, every part its built artifact as a process on loopback: the
 * GitHub emulator (with its git endpoint over HTTPS), the API (H2 file or PostgreSQL) and one VM
 * agent with the bwrap runtime and the helper's distribution. Logs go to {@code <runDir>/logs}.
 */
public final class LocalStack implements AutoCloseable {
    public static final long APP_ID = 4242;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Map<String, String> PERMISSIONS = Map.of("contents", "write", "metadata", "read", "pull_requests", "write");

    private final StackArtifacts artifacts;
    private final StackOptions options;
    private final Path runDir;
    /** Held while the stack lives; null until claimed, and when the directory was another run's. */
    private volatile java.nio.channels.FileLock lock;
    private boolean closed;
    private final HttpJson http = new HttpJson();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final String adminKey;
    private URI emulatorUrl;
    private URI apiUrl;
    private URI agentUrl;
    private int apiPort;
    private String nodeId;
    private String gitHost;
    private Path caPem;
    /** File name of the stack's CA certificate inside each workspace's work directory. */
    private static final String CA_FILE = ".sam-local-ca.pem";
    private final Progress progress;
    private final AppKey appKey = AppKey.generate();
    // Kept so that a service can be stopped and started again with the same settings.
    private Map<String, String> apiEnv;
    private List<String> apiCommand;
    private Map<String, String> agentEnv;

    private LocalStack(StackArtifacts artifacts, StackOptions options, Path runDir, Progress progress) {
        this.artifacts = artifacts;
        this.options = options;
        this.runDir = runDir;
        this.progress = progress;
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        this.adminKey = HexFormat.of().formatHex(key);
    }

    /** Progress lines for a person watching (the demo); tests pass {@code Progress.QUIET}. */
    @FunctionalInterface
    public interface Progress {
        Progress QUIET = line -> { };

        void step(String line);
    }

    /**
     * Starts everything in {@code runDir} (created world-searchable: the workspace user must read
     * the emulator's CA certificate there); stops what was started if any part fails.
     */
    public static LocalStack start(StackArtifacts artifacts, StackOptions options, Path runDir, Progress progress) {
        return start(artifacts, options, runDir, progress, stack -> { });
    }

    /**
     * As {@link #start(StackArtifacts, StackOptions, Path, Progress)}, handing the stack to
     * {@code created} before anything starts: a shutdown hook that holds it can stop a stack that is
     * still starting ({@link #close} waits for a service being launched, and no service starts after it).
     */
    public static LocalStack start(StackArtifacts artifacts, StackOptions options, Path runDir, Progress progress,
            java.util.function.Consumer<LocalStack> created) {
        artifacts.verify();
        LocalStack stack = new LocalStack(artifacts, options, runDir, progress);
        created.accept(stack);
        try {
            openDirectory(runDir);
            stack.lock = RunDirectory.claim(runDir);
            stack.privateDirectories();
            stack.startEmulator();
            stack.startApi();
            stack.registerNode();
            stack.startAgent();
            return stack;
        } catch (RuntimeException e) {
            try {
                stack.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void startEmulator() {
        progress.step("starting the GitHub emulator");
        ServiceProcess p = launch("emulator", List.of(artifacts.java().toString(), "-jar", artifacts.emulatorJar().toString(),
                "--port", "0", "--git-dir", runDir.resolve("emulator").toString()), Map.of());
        String url = Waits.until("the emulator's READY line in " + p.log(), START_TIMEOUT, () -> {
            if (!p.isAlive()) {
                throw new StackException("the emulator exited; log: " + p.log() + "\n" + p.tail(20));
            }
            return p.logText().lines().filter(l -> l.startsWith("EMULATOR_READY ")).findFirst()
                    .map(l -> l.substring("EMULATOR_READY ".length()).trim());
        });
        emulatorUrl = URI.create(url);
        http.post(emulatorUrl.resolve("/_emulator/apps"), null, Map.of("app_id", APP_ID, "public_key_pem", appKey.publicPem()))
                .expect(200, "register the app with the emulator");
        http.post(emulatorUrl.resolve("/_emulator/token-settings"), null,
                Map.of("lifetime_seconds", options.tokenLifetime().toSeconds())).expect(200, "set the token lifetime");
        JsonNode git = http.get(emulatorUrl.resolve("/_emulator/git"), null).expect(200, "describe the git endpoint").json();
        gitHost = git.get("host").asText();
        caPem = Path.of(git.get("ca_pem").asText());
    }

    private void startApi() {
        progress.step("starting the API");
        Path dir = runDir.resolve("api");
        Path keyFile = appKey.writePrivate(dir.resolve("secrets/github-app.pem"));
        Path adminKeyFile = AppKey.PrivateFile.write(dir.resolve("secrets/admin-key"), adminKey);
        apiPort = FreePorts.next();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(apiPort));
        env.put("SAM_DATA_DIR", dir.resolve("data").toString());
        env.put("SAM_ADMIN_KEY_FILE", adminKeyFile.toString());
        env.put("SAM_GITHUB_API_URL", emulatorUrl.toString());
        env.put("SAM_GITHUB_APP_ID", Long.toString(APP_ID));
        // A 2-core machine shared with builds: the pool's 5 s default is too short for H2's first open.
        env.put("QUARKUS_DATASOURCE_H2_JDBC_ACQUISITION_TIMEOUT", "60S");
        env.put("QUARKUS_DATASOURCE_POSTGRESQL_JDBC_ACQUISITION_TIMEOUT", "60S");
        options.postgresUrl().ifPresent(url -> env.put("SAM_DB_URL", url));
        env.putAll(options.apiSettings());
        apiUrl = URI.create("http://127.0.0.1:" + apiPort);
        apiEnv = env;
        // The key's path (not the key) as a system property: older API builds read every SAM_*_FILE
        // variable as "SAM_* from this file" and refused SAM_GITHUB_PRIVATE_KEY_FILE at start-up.
        apiCommand = List.of(artifacts.java().toString(), "-Dsam.github.private-key-file=" + keyFile,
                "-jar", artifacts.apiJar().toString());
        launchApi();
    }

    private void launchApi() {
        ServiceProcess p = launch("api", apiCommand, apiEnv);
        p.awaitReady(START_TIMEOUT, () -> http.ok(apiUrl.resolve("/api/ping")));
    }

    private void registerNode() {
        int agentPort = FreePorts.next();
        agentUrl = URI.create("http://127.0.0.1:" + agentPort);
        JsonNode created = http.post(apiUrl.resolve(ApiPaths.ADMIN_NODES), adminKey, new CreateNodeRequest("e2e-node", agentUrl.toString()))
                .expect(201, "register the node").json();
        nodeId = created.path("node").path("id").asText();
        AppKey.PrivateFile.write(runDir.resolve("agent/secrets/node-token"), created.path("callbackToken").path("token").asText());
    }

    private void startAgent() {
        progress.step("starting the VM agent (bwrap runtime)");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SAM_AGENT_PORT", Integer.toString(agentUrl.getPort()));
        env.put("SAM_AGENT_CONTROL_PLANE_URL", apiUrl.toString());
        env.put("SAM_AGENT_NODE_ID", nodeId);
        env.put("SAM_AGENT_NODE_TOKEN_FILE", runDir.resolve("agent/secrets/node-token").toString());
        env.put("SAM_AGENT_DATA_DIR", agentDataDir().toString());
        env.put("SAM_AGENT_HELPER_DIST", artifacts.helperDist().toString());
        env.put("SAM_AGENT_EXTRA_HOSTS", gitHost);
        env.putAll(options.agentMargins());
        agentEnv = env;
        launchAgent();
    }

    private void launchAgent() {
        // The coding agent ACP sessions run: acp-test-agent, started directly (never through a shell).
        // Its jar's directory is mounted into the sandbox: a checkout under /tmp is hidden there.
        Path jar = artifacts.acpTestAgentJar();
        String acpAgentDir = "-Dsam.sessions.acp-agent-dirs." + AcpSession.TEST_AGENT + "=" + jar.getParent();
        String acpAgent = "-Dsam.sessions.acp-agents." + AcpSession.TEST_AGENT + "=" + artifacts.java() + ",-XX:TieredStopAtLevel=1,-jar,"
                + WorkspacePaths.ACP_AGENTS_HOME + "/" + AcpSession.TEST_AGENT + "/" + jar.getFileName();
        ServiceProcess p = launch("agent",
                List.of(artifacts.java().toString(), acpAgentDir, acpAgent, "-jar", artifacts.agentJar().toString()), agentEnv);
        p.awaitReady(START_TIMEOUT, () -> http.ok(agentUrl.resolve("/q/health/ready")));
    }

    private synchronized ServiceProcess launch(String name, List<String> command, Map<String, String> env) {
        if (closed) {
            throw new StackException("the stack is stopping: " + name + " not started");
        }
        ServiceProcess old = services.remove(name);
        if (old != null) {
            old.close();
        }
        ServiceProcess p = ServiceProcess.start(name, command, env, runDir, runDir.resolve("logs/" + name + ".log"));
        services.put(name, p);
        return p;
    }

    // ---- operations the scenarios use ----

    /** Serves {@code source} (any local git repository) as {@code fullName}; answers the clone URL. */
    public URI serveRepository(String fullName, Path source) {
        return URI.create(http.post(emulatorUrl.resolve("/_emulator/git/repositories"), null,
                Map.of("full_name", fullName, "path", source.toAbsolutePath().toString()))
                .expect(200, "serve " + fullName).json().get("clone_url").asText());
    }

    /** The installation at the emulator (GitHub's side) and at the API (the operator's side). */
    public void addInstallation(long installationId, String account, List<String> repositories) {
        http.post(emulatorUrl.resolve("/_emulator/installations"), null, Map.of("id", installationId, "account", account,
                "permissions", PERMISSIONS, "repositories", repositories)).expect(200, "add the installation to the emulator");
        http.post(apiUrl.resolve(ApiPaths.ADMIN_INSTALLATIONS), adminKey, new CreateInstallationRequest(installationId, account))
                .expect(201, "add the installation to the API");
    }

    /** Creates a workspace through the API's operator endpoint; answers its id. */
    public String createWorkspace(String repository, long installationId) {
        return http.post(apiUrl.resolve(ApiPaths.ADMIN_WORKSPACES), adminKey,
                new CreateWorkspaceRequest(nodeId, repository, null, installationId))
                .expect(201, "create a workspace").json().path("workspace").path("id").asText();
    }

    /** A session token for the workspace, from the API's operator endpoint. */
    public String sessionToken(String workspaceId) {
        return http.post(apiUrl.resolve(SessionTokens.adminSessionToken(workspaceId)), adminKey, Map.of("ttlSeconds", 3600))
                .expect(200, "get a session token").json().path("token").asText();
    }

    /** A terminal (login shell) on the agent's PTY endpoint. */
    public PtySession openPty(String workspaceId) {
        return PtySession.open(agentUrl, workspaceId, sessionToken(workspaceId), null);
    }

    /** A coding-agent session (acp-test-agent) on the agent's ACP endpoint. */
    public AcpSession openAcp(String workspaceId) {
        return AcpSession.open(agentUrl, workspaceId, sessionToken(workspaceId));
    }

    /** The workspace as the API sees it. */
    public JsonNode workspace(String id) {
        return http.get(apiUrl.resolve(ApiPaths.ADMIN_WORKSPACES + "/" + id), adminKey).expect(200, "read workspace " + id).json();
    }

    /** Waits until the API reports the workspace ready; fails at once, with its reason, if it failed. */
    public JsonNode awaitReady(String id, Duration timeout) {
        return Waits.until("workspace " + id + " to become ready", timeout, () -> {
            JsonNode ws = workspace(id);
            String status = ws.path("status").asText();
            if (status.equals("failed")) {
                throw new Waits.GiveUp("workspace " + id + " failed: " + ws.path("failureReason").asText() + " "
                        + ws.path("failureMessage").asText() + "; logs in " + runDir.resolve("logs"));
            }
            if (!status.equals("ready")) {
                return Optional.empty();
            }
            installCa(id);
            return Optional.of(ws);
        });
    }

    /**
     * Puts the emulator's CA certificate into the workspace, where git inside can read it: the
     * sandbox shows neither the host's /tmp nor this stack's run directory.
     */
    private void installCa(String workspaceId) {
        Path target = hostPath(workspaceId, "/" + WorkspaceLayout.WORK_DIR + "/" + CA_FILE);
        try {
            Files.copy(caPem, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the stack's CA into workspace " + workspaceId, e);
        }
    }

    /** The host path behind a path inside the workspace (the agent's layout: {@code <data>/workspaces/<id>/root}). */
    public Path hostPath(String workspaceId, String insidePath) {
        return agentDataDir().resolve("workspaces").resolve(workspaceId).resolve("root").resolve(insidePath.replaceFirst("^/+", ""));
    }

    /** Every token the emulator minted, as SHA-256 hex with repositories and expiry (never the token). */
    public List<JsonNode> issuedTokens() {
        List<JsonNode> out = new ArrayList<>();
        http.get(emulatorUrl.resolve("/_emulator/tokens"), null).expect(200, "list tokens").json().path("tokens").forEach(out::add);
        return out;
    }

    public List<JsonNode> gitRequests() {
        List<JsonNode> out = new ArrayList<>();
        http.get(emulatorUrl.resolve("/_emulator/git/requests"), null).expect(200, "list git requests").json().path("requests")
                .forEach(out::add);
        return out;
    }

    /** Queues faults for the next access_tokens requests (emulator control syntax). */
    public void failNextMints(int count, int status) {
        List<Map<String, Object>> faults = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            faults.add(Map.of("type", "status", "status", status));
        }
        http.post(emulatorUrl.resolve("/_emulator/faults"), null, Map.of("faults", faults)).expect(200, "queue mint faults");
    }

    /** Drops pending faults (and counters) at the emulator: GitHub answers normally again. */
    public void clearFaults() {
        http.post(emulatorUrl.resolve("/_emulator/reset"), null, Map.of()).expect(200, "reset the emulator's faults");
    }

    public void restartAgent() {
        progress.step("restarting the VM agent");
        services.remove("agent").close();
        launchAgent();
    }

    public URI emulatorUrl() {
        return emulatorUrl;
    }

    public URI apiUrl() {
        return apiUrl;
    }

    public URI agentUrl() {
        return agentUrl;
    }

    public String nodeId() {
        return nodeId;
    }

    /** {@code 127.0.0.1:PORT} of the emulator's git endpoint: the enterprise host the helper serves. */
    public String gitHost() {
        return gitHost;
    }

    /**
     * The CA certificate git in a workspace trusts for {@link #gitHost()}, as a path inside the
     * workspace (copied there when {@link #awaitReady} sees the workspace ready).
     */
    public Path caPem() {
        return Path.of(WorkspaceLayout.WORKSPACE_MOUNT, CA_FILE);
    }

    public Path runDir() {
        return runDir;
    }

    public Path helperDist() {
        return artifacts.helperDist();
    }

    public Path agentDataDir() {
        return runDir.resolve("agent/data");
    }

    public Map<String, Path> logs() {
        Map<String, Path> logs = new LinkedHashMap<>();
        try (var files = Files.list(runDir.resolve("logs"))) {
            files.sorted().forEach(p -> logs.put(p.getFileName().toString(), p));
        } catch (IOException e) {
            return logs;
        }
        return logs;
    }

    /** Pids of every running service and its descendants. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (ServiceProcess p : services.values()) {
            pids.add(p.pid());
            ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        }
        return pids;
    }

    /**
     * Stops the agent first (its sandboxes die with it), then the API, then the emulator; then
     * deletes everything of the run but its logs (keys, node token, workspaces' env files).
     */
    @Override
    public synchronized void close() {
        closed = true;
        List<String> order = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(order);
        StackException failure = null;
        for (String name : order) {
            try {
                services.remove(name).close();
            } catch (StackException e) {
                failure = e;
            }
        }
        if (lock != null) {
            // Only a run that holds the directory cleans it: one whose claim failed would delete a live run's keys.
            try {
                RunDirectory.scrub(runDir);
            } finally {
                release();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void release() {
        if (lock != null) {
            try {
                // Removed while still held, so no sweep of another run ever finds it unlocked and half gone.
                Files.deleteIfExists(runDir.resolve(RunDirectory.LOCK));
            } catch (IOException e) {
                // An empty file: left behind, it only says a run once used this directory.
            }
            try {
                lock.channel().close();
            } catch (IOException e) {
                // Closing the channel releases the lock; the JVM's exit would do the same.
            }
            lock = null;
        }
    }

    /**
     * The run directory stays searchable (the workspace user's sandbox launcher reaches its
     * workspace through it), but what lies in it is not listable or readable by others: the API's
     * keys and database (which names every workspace), the emulator's key store and repositories.
     * The agent's side is searchable only, down to workspaces whose ids cannot be guessed.
     */
    private void privateDirectories() {
        try {
            for (String dir : List.of("api", "emulator", "agent/secrets")) {
                Path p = runDir.resolve(dir);
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
            for (Path p : List.of(runDir.resolve("agent"), agentDataDir())) {
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
