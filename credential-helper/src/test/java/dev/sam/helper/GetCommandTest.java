package dev.sam.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.contract.agent.AgentPaths;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code get} against a real HTTP agent stub on loopback. */
class GetCommandTest {
    private static final String TOKEN_ANSWER = "username=x-access-token\npassword=ghs_live123\npassword_expiry_utc=1893456000\n";
    private static final String EXPECTED = "username=x-access-token\npassword=ghs_live123\npassword_expiry_utc=1893456000\n";

    @TempDir
    Path dir;
    AgentStub agent;
    Path config;

    @BeforeEach
    void start() throws IOException {
        agent = new AgentStub();
        config = HelperRun.config(dir, agent.url(), "wsc-secret-credential\n", "ghe.example:8443 GHE2.Example");
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void answersGithubWithTheAgentsTokenAndSendsCredentialAndRequestFields() {
        agent.then(AgentStub.Answer.credential(TOKEN_ANSWER));
        HelperRun r = HelperRun.run(config, "capability[]=authtype\ncapability[]=state\nprotocol=https\nhost=github.com\npath=org/repo.git\nwwwauth[]=Basic realm=\"GitHub\"\nfuture_key=x\n\n", "get");
        assertEquals(new HelperRun(0, EXPECTED, ""), r);
        List<AgentStub.Request> seen = agent.requests();
        assertEquals(1, seen.size());
        assertEquals("POST", seen.get(0).method());
        assertEquals(AgentPaths.GIT_CREDENTIAL, seen.get(0).path());
        assertEquals("Bearer wsc-secret-credential", seen.get(0).authorization());
        assertTrue(seen.get(0).contentType().startsWith("text/plain"), seen.get(0).contentType());
        assertEquals("protocol=https\nhost=github.com\npath=org/repo.git\n", seen.get(0).body());
    }

    @Test
    void acceptsCrlfAndAMissingFinalBlankLine() {
        agent.then(AgentStub.Answer.credential(TOKEN_ANSWER));
        HelperRun r = HelperRun.run(config, "protocol=https\r\nhost=GitHub.com\r\n", "get");
        assertEquals(new HelperRun(0, EXPECTED, ""), r);
        assertEquals("protocol=https\nhost=GitHub.com\n", agent.requests().get(0).body());
    }

    @Test
    void trimsWhitespaceAndLineBreaksAroundTheToken() {
        agent.then(AgentStub.Answer.credential("username=x-access-token\r\npassword= ghs_live123 \t\r\npassword_expiry_utc=1893456000\r\n"));
        assertEquals(new HelperRun(0, EXPECTED, ""), HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get"));
    }

    @Test
    void answersConfiguredEnterpriseHostsWithExactPort() {
        agent.then(AgentStub.Answer.credential(TOKEN_ANSWER)).then(AgentStub.Answer.credential(TOKEN_ANSWER));
        assertEquals(new HelperRun(0, EXPECTED, ""), HelperRun.run(config, "protocol=https\nhost=ghe.example:8443\n\n", "get"));
        assertEquals(new HelperRun(0, EXPECTED, ""), HelperRun.run(config, "protocol=https\nhost=ghe2.example\n\n", "get"));
        assertEquals(2, agent.requests().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "protocol=https\nhost=gitlab.com\n",
        "protocol=https\nhost=github.com.evil.example\n",
        "protocol=https\nhost=gist.evil.example\n",
        "protocol=https\nhost=evilgithub.com\n",
        "protocol=http\nhost=github.com\n",
        "protocol=HTTPS\nhost=github.com\n",
        "protocol=https\nhost=github.com:8443\n",
        "protocol=https\nhost=github.com:443\n",
        "protocol=https\nhost=ghe.example\n",
        "protocol=https\nhost=ghe.example:8444\n",
        "protocol=ssh\nhost=github.com\n",
        "host=github.com\n",
        "protocol=https\n",
        "",
    })
    void hostileOrForeignRequestsGetNoOutputAndNeverReachTheAgent(String request) {
        agent.always(AgentStub.Answer.credential(TOKEN_ANSWER));
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(config, request + "\n", "get"));
        assertEquals(List.of(), agent.requests());
    }

    @Test
    void emptyAgentAnswerMeansNoCredential() {
        agent.then(AgentStub.Answer.credential(""));
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get"));
        assertEquals(1, agent.requests().size());
    }

    @Test
    void permanentRefusalQuitsWithOneStderrLineAndNoRetry() {
        agent.always(AgentStub.Answer.error(403, "installation_suspended", "the GitHub App installation is suspended"));
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get");
        assertEquals(new HelperRun(ExitCodes.UNAVAILABLE, "quit=1\n",
                "git-credential-sam: " + agent.url() + ": installation_suspended (the GitHub App installation is suspended)\n"), r);
        assertEquals(1, agent.requests().size());
    }

    @Test
    void unauthorizedWithoutJsonFallsBackOnTheStatus() {
        agent.always(new AgentStub.Answer(401, "text/html", "<html>no</html>", null, false));
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get");
        assertEquals(new HelperRun(ExitCodes.UNAVAILABLE, "quit=1\n", "git-credential-sam: " + agent.url() + ": unauthenticated (HTTP 401)\n"), r);
        assertEquals(1, agent.requests().size());
    }

    @Test
    void onePendingAnswerIsRetriedOnceAfterRetryAfter() {
        agent.then(AgentStub.Answer.pending("1")).then(AgentStub.Answer.credential(TOKEN_ANSWER));
        long start = System.nanoTime();
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(new HelperRun(0, EXPECTED, ""), r);
        assertEquals(2, agent.requests().size());
        assertTrue(millis >= 1000, "Retry-After: 1 honoured, took " + millis + " ms");
    }

    /** One retry, by design: 503, 503 fails within the bound; the third (200) answer is never asked for. */
    @Test
    void pendingTwiceFailsAfterExactlyOneRetry() {
        agent.then(AgentStub.Answer.pending("1")).then(AgentStub.Answer.pending("1")).then(AgentStub.Answer.credential(TOKEN_ANSWER));
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get");
        assertEquals(new HelperRun(ExitCodes.UNAVAILABLE, "quit=1\n",
                "git-credential-sam: " + agent.url() + ": credentials_pending (token not minted yet)\n"), r);
        assertEquals(2, agent.requests().size());
    }

    @Test
    void retryAfterBeyondTheCapIsNotWaitedFor() {
        agent.then(AgentStub.Answer.pending("30")).then(AgentStub.Answer.credential(TOKEN_ANSWER));
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get");
        assertEquals(ExitCodes.UNAVAILABLE, r.exitCode());
        assertEquals("quit=1\n", r.out());
        assertEquals(1, agent.requests().size());
    }

    @Test
    void agentDownQuitsWithTheStderrLine() throws IOException {
        String url;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            url = "http://127.0.0.1:" + closed.getLocalPort();
        }
        Path down = HelperRun.config(dir, url, "wsc\n", null);
        HelperRun r = HelperRun.run(down, "protocol=https\nhost=github.com\n\n", "get");
        assertEquals(new HelperRun(ExitCodes.UNREACHABLE, "quit=1\n", "git-credential-sam: " + url + ": node_unreachable (connection refused)\n"), r);
    }

    @Test
    void agentThatNeverAnswersIsCutOffAtTheBound() {
        agent.always(AgentStub.Answer.never());
        long start = System.nanoTime();
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(new HelperRun(ExitCodes.UNREACHABLE, "quit=1\n",
                "git-credential-sam: " + agent.url() + ": node_unreachable (no answer within 9 s)\n"), r);
        assertTrue(millis >= AgentClient.AGENT_BUDGET_MILLIS - 100 && millis < AgentClient.AGENT_BUDGET_MILLIS + 500,
                "cut off at the agent's budget, took " + millis + " ms");
        assertEquals(1, agent.requests().size());
    }

    @Test
    void malformedStdinIsReportedWithoutAskingTheAgent() {
        HelperRun r = HelperRun.run(config, "protocol=https\nhost github.com\n\n", "get");
        assertEquals(new HelperRun(ExitCodes.BAD_INPUT, "", "git-credential-sam: stdin: invalid_request (credential line without key=value)\n"), r);
        assertEquals(List.of(), agent.requests());
    }

    @Test
    void missingConfigQuitsForGithubButStaysSilentForOtherHosts() {
        Path missing = dir.resolve("nope.conf");
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(missing, "protocol=https\nhost=gitlab.com\n\n", "get"));
        HelperRun r = HelperRun.run(missing, "protocol=https\nhost=github.com\n\n", "get");
        assertEquals(new HelperRun(ExitCodes.CONFIG, "quit=1\n",
                "git-credential-sam: " + missing + ": workspace_not_ready (config " + missing + " does not exist)\n"), r);
    }

    @Test
    void answerWithoutPasswordIsAnError() {
        agent.then(AgentStub.Answer.credential("username=x-access-token\n"));
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get");
        assertEquals(new HelperRun(ExitCodes.UNAVAILABLE, "quit=1\n",
                "git-credential-sam: " + agent.url() + ": internal_error (agent answered without a password)\n"), r);
    }

    @Test
    void tokenInAnAgentErrorMessageIsRedactedOnStderr() {
        agent.then(AgentStub.Answer.error(500, "internal_error", "boom ghs_abcdefghijklmnopqrstuvwxyz0123456789"));
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\n\n", "get");
        assertEquals(ExitCodes.UNAVAILABLE, r.exitCode());
        assertTrue(!r.err().contains("ghs_abcdefghijklmnopqrstuvwxyz0123456789") && r.err().contains("[REDACTED]"), r.err());
    }
}
