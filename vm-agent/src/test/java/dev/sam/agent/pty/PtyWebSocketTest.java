package dev.sam.agent.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.AgentServices;
import dev.sam.agent.TestAgents;
import dev.sam.contract.session.SessionSocket;
import dev.sam.agent.session.SessionFixtures;
import dev.sam.agent.session.SessionTestResource;
import dev.sam.contract.pty.PtyShells;
import dev.sam.contract.session.GhShimPaths;
import dev.sam.contract.session.SessionCloseCodes;
import dev.sam.contract.session.SessionPaths;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Terminals over a real websocket, real bubblewrap and a real pty: GH_TOKEN in every shell is the
 * token the control plane issued for this very workspace (compared by SHA-256), resize, exit code,
 * the per-workspace limit, and the gh shim in front of the real gh.
 */
@QuarkusTest
@QuarkusTestResource(SessionTestResource.class)
class PtyWebSocketTest {
    static final String WS = "ws-term";

    @Inject
    AgentServices agent;

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void ready() throws Exception {
        SessionFixtures.ready(agent, WS);
        // A user with a (quiet) zsh setup, so zsh's first-run wizard does not take the keystrokes.
        Path zshrc = agent.layout().root(WS).resolve("home/.zshrc");
        if (!Files.exists(zshrc)) {
            Files.writeString(zshrc, "# user's zshrc\n");
            Files.setAttribute(zshrc, "unix:uid", agent.config().workspaceUid());
        }
    }

    URI pty(String workspaceId, String shell) {
        String q = shell == null ? "" : "?" + SessionPaths.QUERY_SHELL + "=" + shell;
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + SessionPaths.pty(workspaceId) + q);
    }

    @ParameterizedTest
    @ValueSource(strings = { PtyShells.BASH, PtyShells.BASH_INTERACTIVE, PtyShells.ZSH, PtyShells.FISH, PtyShells.SH })
    void ghTokenInEveryShellIsThisWorkspacesIssuedToken(String shell) throws Exception {
        try (PtyClient c = PtyClient.connect(pty(WS, shell), SessionFixtures.sessionToken(WS))) {
            c.await(o -> !o.isEmpty()); // the first prompt (or fish's greeting)
            c.type("printf %s \"$GH_TOKEN\" | sha256sum\r");
            String expected = SessionFixtures.sha256(SessionFixtures.issued(WS)) + "  -";
            c.await(o -> o.contains(expected));
            c.type("printf '%s_%s\\n' \"$SAM_GH_TOKEN_SOURCE\" done\r");
            c.await(o -> o.contains("sam_done"));
        }
    }

    @Test
    void sttySizeFollowsAResize() throws Exception {
        try (PtyClient c = PtyClient.connect(pty(WS, null), SessionFixtures.sessionToken(WS))) {
            c.await(o -> !o.isEmpty());
            c.type("stty size\r");
            c.await(o -> o.contains("24 80"));
            c.resize(117, 39);
            c.type("stty size\r");
            c.await(o -> o.contains("39 117"));
        }
    }

    @Test
    void theExitCodeReachesTheClient() throws Exception {
        try (PtyClient c = PtyClient.connect(pty(WS, null), SessionFixtures.sessionToken(WS))) {
            c.await(o -> !o.isEmpty());
            c.type("exit 3\r");
            assertEquals(3, c.exit.get(60, TimeUnit.SECONDS));
            SessionSocket.Closed closed = c.socket.awaitClosed(Duration.ofSeconds(30));
            assertEquals(SessionCloseCodes.NORMAL, closed.code());
            assertEquals("{\"reason\":\"exit\",\"code\":3}", closed.reason());
        }
    }

    @Test
    void closingTheSocketEndsTheShellAndItsChildren() throws Exception {
        PtySessionManager manager = io.quarkus.arc.Arc.container().instance(PtySessionManager.class).get();
        List<PtySession> before = manager.sessions(WS);
        PtyClient c = PtyClient.connect(pty(WS, null), SessionFixtures.sessionToken(WS));
        c.await(o -> !o.isEmpty());
        c.type("sleep 1000 & printf 'bg_%s\\n' started\r");
        c.await(o -> o.contains("bg_started"));
        PtySession mine = manager.sessions(WS).stream().filter(s -> !before.contains(s)).findFirst().orElseThrow();
        ProcessHandle root = ProcessHandle.of(mine.pid()).orElseThrow();
        TestAgents.await("sleep running", Duration.ofSeconds(30), () -> root.descendants()
                .anyMatch(p -> p.info().command().map(cmd -> cmd.endsWith("/sleep")).orElse(false)));
        List<ProcessHandle> tree = root.descendants().toList();
        c.close();
        TestAgents.await("the shell and every child gone", Duration.ofSeconds(30),
                () -> !root.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive));
        assertFalse(manager.sessions(WS).contains(mine));
    }

    @Test
    void beyondTheLimitTheSessionIsRefusedWithLimitReached() throws Exception {
        List<PtyClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < SessionTestResource.PTY_LIMIT; i++) {
                PtyClient c = PtyClient.connect(pty(WS, null), SessionFixtures.sessionToken(WS));
                c.await(o -> !o.isEmpty());
                open.add(c);
            }
            try (SessionSocket refused = SessionSocket.connect(pty(WS, null), SessionFixtures.sessionToken(WS))) {
                SessionSocket.Closed closed = refused.awaitClosed(Duration.ofSeconds(30));
                assertEquals(SessionCloseCodes.TRY_AGAIN_LATER, closed.code());
                assertEquals("{\"reason\":\"limit_reached\"}", closed.reason());
            }
        } finally {
            open.forEach(PtyClient::close);
        }
    }

    @Test
    void ghIsTheShimAndItHandsTheRealGhALiveToken() throws Exception {
        try (PtyClient c = PtyClient.connect(pty(WS, null), SessionFixtures.sessionToken(WS))) {
            c.await(o -> !o.isEmpty());
            c.type("printf 'gh_at_%s\\n' \"$(command -v gh)\"; head -1 " + GhShimPaths.SHIM + "\r");
            c.await(o -> o.contains("gh_at_" + GhShimPaths.SHIM) && o.contains("#!/bin/sh"));
            assertTrue(c.output().contains("gh_at_" + GhShimPaths.SHIM));
        }
    }
}
