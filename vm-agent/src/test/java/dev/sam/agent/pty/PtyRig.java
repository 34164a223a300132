package dev.sam.agent.pty;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.contract.agent.WorkspaceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** A running agent (no HTTP) with one provisioned workspace, for terminal tests with real bwrap and a real pty. */
final class PtyRig implements AutoCloseable {
    static final String WS = "ws-pty";
    final StubControlPlane cp;
    final AgentServices agent;
    final PtyLauncher launcher;

    PtyRig(Path temp) throws Exception {
        cp = new StubControlPlane();
        agent = TestAgents.start(cp, temp);
        agent.provisioning().accept(TestAgents.request(cp, WS, "acme/app"));
        TestAgents.awaitState(agent, WS, WorkspaceStatus.READY);
        launcher = new PtyLauncher(agent.runtime());
    }

    static Map<String, String> env() {
        return Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "TERM", "xterm-256color", "HOME", "/home/sam", "PS1", "$ ");
    }

    static List<String> bash() {
        return List.of("/bin/bash", "--norc", "--noprofile", "-i");
    }

    @Override
    public void close() {
        agent.close();
        cp.close();
    }

    /** Collects a session's output and its end. */
    static final class Collector implements PtySession.Listener {
        final StringBuffer out = new StringBuffer();
        final CompletableFuture<Integer> exited = new CompletableFuture<>();
        final CompletableFuture<Void> idle = new CompletableFuture<>();

        @Override
        public void output(String text) {
            out.append(text);
        }

        @Override
        public void exited(int code) {
            exited.complete(code);
        }

        @Override
        public void idle() {
            idle.complete(null);
        }

        String await(Predicate<String> condition) {
            TestAgents.await("terminal output; so far: " + out, Duration.ofSeconds(60), () -> condition.test(out.toString()));
            return out.toString();
        }
    }
}
