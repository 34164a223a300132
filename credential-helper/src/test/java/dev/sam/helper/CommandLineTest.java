package dev.sam.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.contract.agent.AgentPaths;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command, option and exit path of the picocli surface (get has its own test). */
class CommandLineTest {
    private static final String GITHUB = "protocol=https\nhost=github.com\n\n";

    @TempDir
    Path dir;
    AgentStub agent;
    Path config;

    @BeforeEach
    void start() throws IOException {
        agent = new AgentStub();
        config = HelperRun.config(dir, agent.url(), "wsc-secret-credential", null);
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        HelperRun r = HelperRun.run(config, "", "--help");
        assertEquals(0, r.exitCode());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Usage: git-credential-sam [-hV] [COMMAND]\n"), r.out());
        for (String expected : List.of("  get ", "  store ", "  erase ", "  doctor ", "Exit codes:", "  5   stdin is not git's credential format")) {
            assertTrue(r.out().contains(expected), expected);
        }
    }

    @Test
    void versionPrintsOneLine() {
        HelperRun r = HelperRun.run(config, "", "--version");
        assertEquals(new HelperRun(0, "git-credential-sam dev\n", ""), r);
    }

    @Test
    void subcommandHelpWorks() {
        HelperRun r = HelperRun.run(config, "", "get", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("Usage: git-credential-sam get [-hV]\n"), r.out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        HelperRun r = HelperRun.run(config, GITHUB, "fetch");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Unmatched argument at index 0: 'fetch'\n"), r.err());
        assertEquals(List.of(), agent.requests());
    }

    @Test
    void missingCommandIsAUsageError() {
        HelperRun r = HelperRun.run(config, "");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("missing command: get, store, erase or doctor\n"), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        HelperRun r = HelperRun.run(config, GITHUB, "get", "--verbose");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Unknown option: '--verbose'\n"), r.err());
        assertEquals(List.of(), agent.requests());
    }

    @Test
    void storeConsumesInputAndDoesNothing() {
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\nusername=x-access-token\npassword=ghs_x\n\n", "store");
        assertEquals(new HelperRun(0, "", ""), r);
        assertEquals(List.of(), agent.requests());
    }

    @Test
    void eraseAsksTheAgentToDropItsToken() {
        HelperRun r = HelperRun.run(config, "protocol=https\nhost=github.com\nusername=x-access-token\npassword=ghs_x\n\n", "erase");
        assertEquals(new HelperRun(0, "", ""), r);
        assertEquals(1, agent.requests().size());
        assertEquals("POST", agent.requests().get(0).method());
        assertEquals(AgentPaths.GIT_CREDENTIAL_ERASE, agent.requests().get(0).path());
        assertEquals("Bearer wsc-secret-credential", agent.requests().get(0).authorization());
    }

    @Test
    void eraseForAForeignHostDoesNotReachTheAgent() {
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(config, "protocol=https\nhost=gitlab.com\n\n", "erase"));
        assertEquals(List.of(), agent.requests());
    }

    @Test
    void eraseIsSilentWhenTheAgentRefusesOrIsDown() throws IOException {
        agent.always(AgentStub.Answer.error(403, "forbidden", "no"));
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(config, GITHUB, "erase"));
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(config, GITHUB, "erase"));
        assertEquals(2, agent.requests().size());
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(downConfig(), GITHUB, "erase"));
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(dir.resolve("missing.conf"), GITHUB, "erase"));
        assertEquals(new HelperRun(0, "", ""), HelperRun.run(config, "garbage\n", "erase"));
    }

    @Test
    void doctorReportsALiveTokenWithoutPrintingSecrets() {
        agent.always(new AgentStub.Answer(200, "application/json",
                "{\"workspaceId\":\"ws-1\",\"state\":\"live\",\"reason\":null,\"expiresAt\":\"2026-12-03T17:00:00Z\",\"agentVersion\":\"1.2.3\"}", null, false));
        HelperRun r = HelperRun.run(config, "", "doctor");
        String credentialFile = dir.resolve("workspace-credential").toString();
        assertEquals(new HelperRun(0, "config:          " + config + "\n"
                + "agent:           " + agent.url() + "\n"
                + "workspace:       ws-1\n"
                + "hosts:           github.com\n"
                + "credential file: " + credentialFile + " (rw-------)\n"
                + "agent version:   1.2.3\n"
                + "token state:     live\n"
                + "token expires:   2026-12-03T17:00:00Z\n"
                + "last error:      none\n", ""), r);
        assertEquals("GET", agent.requests().get(0).method());
        assertEquals(AgentPaths.GIT_CREDENTIAL_STATUS, agent.requests().get(0).path());
        assertFalse(r.out().contains("wsc-secret-credential"));
    }

    @Test
    void doctorReportsAFailedStateAndTheLastReason() throws IOException {
        Files.setPosixFilePermissions(dir.resolve("workspace-credential"), PosixFilePermissions.fromString("rw-r--r--"));
        agent.always(new AgentStub.Answer(200, "application/json",
                "{\"workspaceId\":\"ws-1\",\"state\":\"failed\",\"reason\":\"installation_suspended\",\"expiresAt\":null,\"agentVersion\":\"1.2.3\"}", null, false));
        HelperRun r = HelperRun.run(config, "", "doctor");
        assertEquals(ExitCodes.UNAVAILABLE, r.exitCode());
        assertTrue(r.out().contains("(rw-r--r--, WARNING: readable by others, should be 0600)\n"), r.out());
        assertTrue(r.out().endsWith("token state:     failed\ntoken expires:   unknown\nlast error:      installation_suspended\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void doctorReportsARefusal() {
        agent.always(AgentStub.Answer.error(401, "unauthenticated", "unknown workspace credential"));
        HelperRun r = HelperRun.run(config, "", "doctor");
        assertEquals(ExitCodes.UNAVAILABLE, r.exitCode());
        assertTrue(r.out().endsWith("agent status:    refused (HTTP 401)\n"), r.out());
        assertEquals("git-credential-sam: " + agent.url() + ": unauthenticated (unknown workspace credential)\n", r.err());
    }

    @Test
    void doctorReportsAnUnreachableAgent() throws IOException {
        Path down = downConfig();
        HelperRun r = HelperRun.run(down, "", "doctor");
        assertEquals(ExitCodes.UNREACHABLE, r.exitCode());
        assertTrue(r.out().endsWith("agent status:    unreachable\n"), r.out());
        assertTrue(r.err().matches("git-credential-sam: http://127\\.0\\.0\\.1:\\d+: node_unreachable \\(connection refused\\)\n"), r.err());
    }

    @Test
    void doctorReportsAMissingConfig() {
        Path missing = dir.resolve("missing.conf");
        HelperRun r = HelperRun.run(missing, "", "doctor");
        assertEquals(new HelperRun(ExitCodes.CONFIG, "config:          " + missing + "\n",
                "git-credential-sam: " + missing + ": workspace_not_ready (config " + missing + " does not exist)\n"), r);
    }

    @Test
    void doctorReportsAnEmptyCredentialFile() throws IOException {
        Files.writeString(dir.resolve("workspace-credential"), "\n");
        HelperRun r = HelperRun.run(config, "", "doctor");
        assertEquals(ExitCodes.CONFIG, r.exitCode());
        assertTrue(r.err().endsWith("workspace_not_ready (credential file " + dir.resolve("workspace-credential") + " is empty)\n"), r.err());
        assertEquals(List.of(), agent.requests());
    }

    private Path downConfig() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("down"));
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return HelperRun.config(sub, "http://127.0.0.1:" + closed.getLocalPort(), "wsc", null);
        }
    }
}
