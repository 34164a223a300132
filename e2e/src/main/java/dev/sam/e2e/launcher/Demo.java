package dev.sam.e2e.launcher;

import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.WorkspacePaths;
import dev.sam.e2e.stack.LocalStack;
import dev.sam.e2e.stack.RunDirectory;
import dev.sam.e2e.stack.StackArtifacts;
import dev.sam.e2e.stack.StackException;
import dev.sam.e2e.stack.StackOptions;
import dev.sam.e2e.session.AcpSession;
import dev.sam.e2e.session.PtySession;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./sam demo [--repo PATH] [--shell]}: the whole system on this machine, on embedded
 * defaults (H2, the GitHub emulator, the bwrap runtime), serving a real repository, with one
 * workspace in which a terminal (the agent's PTY endpoint) clones it through the credential helper and shows that
 * {@code GH_TOKEN} is set (hash prefix and expiry only), as a coding agent (ACP) reports too. Stops everything on exit or Ctrl-C.
 */
public final class Demo {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final long INSTALLATION = 1;
    /** Exit status after SIGINT/SIGTERM, as a shell reports a process ended by SIGINT. */
    static final int INTERRUPTED = 130;
    /** SHA-256 of the empty string, first 12 hex digits: what an empty GH_TOKEN hashes to. */
    private static final String EMPTY_SHA256_PREFIX = "e3b0c44298fc";

    private Demo() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path root = StackArtifacts.findRoot();
        Path repo = root;
        boolean shell = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repo" -> {
                    if (i + 1 >= args.length) {
                        return usage("--repo needs a path");
                    }
                    repo = Path.of(args[++i]).toAbsolutePath().normalize();
                }
                case "--shell" -> shell = true;
                case "-h", "--help" -> {
                    usage(null);
                    return 0;
                }
                default -> {
                    return usage("unknown argument " + args[i]);
                }
            }
        }
        if (!Files.exists(repo.resolve(".git")) && !Files.isRegularFile(repo.resolve("HEAD"))) {
            return usage(repo + " is not a git repository");
        }
        if (!hasCommits(repo)) {
            return usage(repo + " has no commits yet: there is nothing to clone");
        }
        Path runs = runsRoot(root);
        // The pid too: two demos started within the same second get directories of their own.
        Path runDir = runs.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + ProcessHandle.current().pid());
        int swept = RunDirectory.sweepAbandoned(runs, runDir);
        if (swept > 0) {
            say("removed the keys and workspaces left by " + swept + " earlier run(s) that did not stop cleanly (logs kept)");
        }
        AtomicReference<LocalStack> started = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        // Also runs at every normal exit; it acts only when the run has not finished stopping. A
        // stop already under way on the main thread holds the stack's lock, so close() here waits
        // for it: the JVM never exits half-way through a stop.
        Thread stopper = new Thread(() -> {
            interrupted.set(true);
            LocalStack stack = started.get();
            if (stack != null && !stopped.get()) {
                say("interrupted: stopping the stack");
                stack.close();
            }
        }, "sam-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            // Handed over before anything starts: a signal during start-up stops what has started.
            LocalStack stack = LocalStack.start(StackArtifacts.of(root), StackOptions.defaults(), runDir, Demo::say, started::set);
            return demo(stack, repo, shell);
        } catch (RuntimeException | AssertionError e) {
            if (interrupted.get()) {
                // The signal, not the demo, ended the run: whatever broke did so because the stack was stopping.
                return INTERRUPTED;
            }
            System.err.println("sam demo: FAILED: " + e.getMessage());
            System.err.println("sam demo: logs are in " + runDir.resolve("logs"));
            return 1;
        } finally {
            LocalStack stack = started.get();
            if (stack != null) {
                if (!interrupted.get()) {
                    say("stopping the stack");
                }
                stack.close(); // idempotent; waits for a stop the hook has begun
            }
            stopped.set(true);
        }
    }

    /** {@code .sam/demo} in the checkout; {@code SAM_DEMO_RUNS} moves it (tests). */
    private static Path runsRoot(Path root) {
        String configured = System.getenv("SAM_DEMO_RUNS");
        return configured == null || configured.isBlank() ? root.resolve(".sam/demo") : Path.of(configured).toAbsolutePath();
    }

    private static int demo(LocalStack stack, Path repo, boolean interactive) throws StackException {
        String fullName = "demo/" + repo.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        say("serving " + repo + " as " + fullName + " over HTTPS at " + stack.gitHost());
        URI cloneUrl = stack.serveRepository(fullName, repo);
        stack.addInstallation(INSTALLATION, "demo", List.of(fullName));
        String id = stack.createWorkspace(fullName, INSTALLATION);
        say("workspace " + id + " created through the API; waiting until the agent reports it ready");
        stack.awaitReady(id, READY_TIMEOUT);
        say("workspace " + id + " is ready");

        if (interactive) {
            say("attaching this terminal to a workspace terminal (the agent's PTY endpoint); exit to stop the demo; try: git clone -c http.sslCAInfo="
                    + stack.caPem() + " " + cloneUrl);
            return TerminalClient.attach(stack.agentUrl(), id, stack.sessionToken(id));
        }
        say("opening a terminal on the agent's PTY endpoint; cloning through git-credential-sam");
        String hashPrefix;
        try (PtySession pty = stack.openPty(id)) {
            PtySession.Typed clone = pty.type("git clone -q -c http.sslCAInfo=" + stack.caPem() + " " + cloneUrl + " /workspace/repo 2>&1"
                    + " && echo \"cloned: $(git -C /workspace/repo rev-list --count HEAD) commits, HEAD $(git -C /workspace/repo rev-parse --short HEAD)\"",
                    COMMAND_TIMEOUT);
            if (clone.exitCode() != 0) {
                throw new StackException("git clone in the workspace terminal failed (exit " + clone.exitCode() + "): " + clone.output());
            }
            say("terminal: " + clone.output());
            PtySession.Typed token = pty.type("printf %s \"$GH_TOKEN\" | sha256sum | cut -c1-12; printf %s \"${SAM_GH_TOKEN_EXPIRES_AT:-}\"",
                    COMMAND_TIMEOUT);
            hashPrefix = token.output().lines().findFirst().orElse("");
            if (hashPrefix.equals(EMPTY_SHA256_PREFIX)) {
                throw new StackException("GH_TOKEN is empty in the workspace terminal");
            }
            say("terminal: GH_TOKEN set, sha256 " + hashPrefix + "…");
        }
        String expiry = expiryOf(stack, readEnvFile(stack, id).getOrDefault(EnvNames.GH_TOKEN, ""));
        say("opening a coding-agent session (acp-test-agent) on the agent's ACP endpoint");
        try (AcpSession acp = stack.openAcp(id)) {
            Map<String, String> report = acp.environmentReport();
            say("coding agent: GH_TOKEN set=" + report.get("gh_token_set") + ", sha256 " + report.get("gh_token_sha256_12") + "…");
            if (!hashPrefix.equals(report.get("gh_token_sha256_12"))) {
                throw new StackException("the coding agent's GH_TOKEN differs from the terminal's");
            }
        }
        System.out.println();
        System.out.println("SAM demo: OK");
        System.out.println("  repository  " + fullName + " (" + repo + ") cloned through git-credential-sam");
        System.out.println("  GH_TOKEN    the same in a terminal and a coding agent: sha256 " + hashPrefix + "…, expires " + expiry);
        System.out.println("  logs        " + stack.runDir().resolve("logs") + " (keys, tokens and the workspace are deleted at exit)");
        return 0;
    }

    private static Map<String, String> readEnvFile(LocalStack stack, String id) {
        try {
            return EnvFile.read(Files.readAllBytes(stack.hostPath(id, WorkspacePaths.ENV_FILE)));
        } catch (java.io.IOException e) {
            throw new StackException("cannot read the workspace's env file: " + e.getMessage(), e);
        }
    }

    /** The expiry the emulator recorded for this token, found by hash (the token itself is never printed). */
    private static String expiryOf(LocalStack stack, String token) {
        String hash = Sha256.hex(token);
        return stack.issuedTokens().stream().filter(t -> t.path("sha256").asText().equals(hash))
                .map(t -> t.path("expires_at").asText()).findFirst().orElse("(unknown)");
    }

    static void say(String line) {
        System.out.println("[sam demo] " + line);
        System.out.flush();
    }

    private static int usage(String error) {
        if (error != null) {
            System.err.println("sam demo: " + error);
            System.err.println("usage: ./sam demo [--repo PATH] [--shell]   (./sam demo --help)");
            return 2;
        }
        System.out.println("usage: ./sam demo [--repo PATH] [--shell]   (the options: ./sam demo --help)");
        return 0;
    }

    /** git rev-parse HEAD succeeds: the repository has at least one commit to serve. */
    private static boolean hasCommits(Path repo) {
        try {
            Process p = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "--verify", "-q", "HEAD")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
