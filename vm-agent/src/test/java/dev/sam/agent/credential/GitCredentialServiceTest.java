package dev.sam.agent.credential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sam.agent.StubControlPlane;
import dev.sam.agent.controlplane.ControlPlaneClient;
import dev.sam.agent.workspace.WorkspaceCredential;
import dev.sam.agent.workspace.WorkspaceLayout;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.agent.workspace.WorkspaceStore;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.credential.CredentialCodec;
import dev.sam.contract.credential.CredentialMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm answer of /git-credential: exact bytes, encoded once, and never stale after a new token, another host or erase. */
class GitCredentialServiceTest {
    @TempDir
    Path temp;
    StubControlPlane cp;
    ExecutorService executor = Executors.newCachedThreadPool();
    TokenService tokens;
    GitCredentialService service;

    @BeforeEach
    void setUp() throws Exception {
        cp = new StubControlPlane();
        WorkspaceStore store = new WorkspaceStore(new WorkspaceLayout(temp));
        store.load();
        for (String id : List.of("ws-1", "ws-2")) {
            store.putIfAbsent(new WorkspaceRecord(id, "acme/app", "main", Map.of(), cp.callbackToken(id),
                    WorkspaceCredential.sha256("cred-" + id), WorkspaceStatus.READY, null));
        }
        tokens = new TokenService(new ControlPlaneClient(cp.url(), Duration.ofSeconds(5)), store, Optional::empty, Clock.systemUTC(),
                Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50),
                new AgentMetrics(), executor);
        service = new GitCredentialService(store, tokens, List.of("ghe.example.com"));
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        cp.close();
    }

    @Test
    void aWarmAnswerIsGitsFormatEncodedOncePerTokenAndHost() {
        CachedToken t = token("ghs_first");
        tokens.seed("ws-1", t);
        CredentialAnswer first = warm("ws-1", "github.com");
        assertEquals(200, first.status());
        assertEquals("protocol=https\nhost=github.com\nusername=x-access-token\npassword=ghs_first\npassword_expiry_utc="
                + t.expiresAt().getEpochSecond() + "\n", text(first));
        assertSame(first.body(), warm("ws-1", "github.com").body(), "a second warm request reuses the encoded answer");
        assertEquals(0, cp.gitTokenCalls("ws-1"), "a seeded token is served without asking the control plane");
    }

    @Test
    void theAnswerNamesTheHostAskedFor() {
        tokens.seed("ws-1", token("ghs_hosts"));
        for (String host : List.of("github.com", "GitHub.com:443", "ghe.example.com", "github.com")) {
            assertEquals(host, value(warm("ws-1", host), CredentialMessage.HOST), "answer to a request for " + host);
        }
    }

    @Test
    void aNewTokenIsServedAsSoonAsItIsCachedEvenWithTheSameText() {
        CachedToken first = token("ghs_one");
        tokens.seed("ws-1", first);
        assertEquals("ghs_one", value(warm("ws-1", "github.com"), CredentialMessage.PASSWORD));
        tokens.seed("ws-1", token("ghs_two"));
        assertEquals("ghs_two", value(warm("ws-1", "github.com"), CredentialMessage.PASSWORD));
        // The same token text with a later expiry (a new object) is a new answer too.
        CachedToken later = new CachedToken("ghs_two", first.expiresAt().plus(Duration.ofMinutes(7)));
        tokens.seed("ws-1", later);
        assertEquals(Long.toString(later.expiresAt().getEpochSecond()), value(warm("ws-1", "github.com"), CredentialMessage.PASSWORD_EXPIRY_UTC));
    }

    @Test
    void workspacesNeverShareAnAnswer() {
        tokens.seed("ws-1", token("ghs_of_one"));
        tokens.seed("ws-2", token("ghs_of_two"));
        for (int i = 0; i < 3; i++) {
            assertEquals("ghs_of_one", value(warm("ws-1", "github.com"), CredentialMessage.PASSWORD));
            assertEquals("ghs_of_two", value(warm("ws-2", "github.com"), CredentialMessage.PASSWORD));
        }
    }

    @Test
    void afterEraseTheNextAnswerCarriesAFreshToken() {
        CredentialAnswer before = service.get("Bearer cred-ws-1", null, ask("github.com"));
        assertEquals(cp.tokensIssued("ws-1").get(0), value(before, CredentialMessage.PASSWORD));
        assertEquals(200, service.erase("Bearer cred-ws-1", null).status());
        assertEquals(null, service.getWithoutWaiting("Bearer cred-ws-1", null, ask("github.com")), "erased: no warm answer");
        CredentialAnswer after = service.get("Bearer cred-ws-1", null, ask("github.com"));
        assertEquals(cp.tokensIssued("ws-1").get(1), value(after, CredentialMessage.PASSWORD));
        assertNotEquals(value(before, CredentialMessage.PASSWORD), value(after, CredentialMessage.PASSWORD));
        assertEquals(2, cp.gitTokenCalls("ws-1"));
    }

    @Test
    void refusalsAreUnchanged() {
        tokens.seed("ws-1", token("ghs_x"));
        assertEquals(401, service.getWithoutWaiting("Bearer nope", null, ask("github.com")).status());
        assertEquals(401, service.getWithoutWaiting(null, null, ask("github.com")).status());
        assertEquals(403, service.getWithoutWaiting("Bearer cred-ws-1", "ws-2", ask("github.com")).status());
        assertArrayEquals(new byte[0], service.getWithoutWaiting("Bearer cred-ws-1", null, ask("gitlab.com")).body());
        assertEquals(400, service.getWithoutWaiting("Bearer cred-ws-1", null, "no equals\n".getBytes(StandardCharsets.UTF_8)).status());
    }

    private CredentialAnswer warm(String workspace, String host) {
        return service.getWithoutWaiting("Bearer cred-" + workspace, null, ask(host));
    }

    private static CachedToken token(String text) {
        return new CachedToken(text, Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
    }

    private static byte[] ask(String host) {
        return ("protocol=https\nhost=" + host + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(CredentialAnswer a) {
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    /** One value of an answer, read back with the codec. */
    private static String value(CredentialAnswer a, String key) {
        return CredentialCodec.read(a.body()).get(key).orElseThrow();
    }
}
