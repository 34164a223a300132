package dev.sam.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real git calling the built distribution ({@code target/dist/bin/git-credential-sam}, found on
 * PATH as {@code helper = sam}) with the system git config bootstrap writes.
 */
class GitCredentialFillIT {
    /** What bootstrap writes to the system git config: reset inherited helpers for GitHub, then ours. */
    static final String SYSTEM_GITCONFIG = "[credential \"https://github.com\"]\n\thelper =\n\thelper = sam\n";

    @TempDir
    Path dir;
    AgentStub agent;
    Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        agent = new AgentStub();
        Path config = HelperRun.config(dir, agent.url(), "wsc-secret-credential\n", null);
        Path gitconfig = Files.writeString(dir.resolve("gitconfig"), SYSTEM_GITCONFIG);
        env = Map.of("GIT_CONFIG_SYSTEM", gitconfig.toString(), "SAM_HELPER_CONFIG", config.toString(),
                "GIT_TERMINAL_PROMPT", "0", "HOME", dir.toString());
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void gitCredentialFillGetsTheAgentsToken() throws Exception {
        agent.then(AgentStub.Answer.credential("username=x-access-token\npassword=ghs_live123\r\npassword_expiry_utc=1893456000\n"));
        GitProcess r = GitProcess.run(dir, env, "protocol=https\nhost=github.com\npath=org/repo.git\n\n", List.of("git", "credential", "fill"));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        // git 2.41+ also passes password_expiry_utc through; older git drops it.
        String out = r.out().replace("password_expiry_utc=1893456000\n", "");
        // Without credential.useHttpPath git drops the path before asking helpers.
        assertEquals("protocol=https\nhost=github.com\nusername=x-access-token\npassword=ghs_live123\n", out);
        assertEquals("Bearer wsc-secret-credential", agent.requests().get(0).authorization());
        assertEquals("protocol=https\nhost=github.com\n", agent.requests().get(0).body());
    }

    @Test
    void refusalMakesGitQuitWithOurLineAndNoPrompt() throws Exception {
        agent.always(AgentStub.Answer.error(403, "installation_suspended", "the GitHub App installation is suspended"));
        Map<String, String> prompting = new java.util.HashMap<>(env);
        prompting.remove("GIT_TERMINAL_PROMPT");
        GitProcess r = GitProcess.run(dir, prompting, "protocol=https\nhost=github.com\n\n", List.of("git", "credential", "fill"));
        assertEquals(128, r.exitCode());
        assertEquals("", r.out());
        assertEquals("git-credential-sam: " + agent.url() + ": installation_suspended (the GitHub App installation is suspended)\n"
                + "fatal: credential helper 'sam' told us to quit\n", r.err());
        assertEquals(1, agent.requests().size());
    }

    @Test
    void helperCalledForAForeignHostStaysSilentAndGitFallsThroughWithoutPrompting() throws Exception {
        Path everywhere = Files.writeString(dir.resolve("gitconfig-all"), "[credential]\n\thelper = sam\n");
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("GIT_CONFIG_SYSTEM", everywhere.toString());
        for (String host : List.of("gitlab.com", "github.com.evil.example", "gist.evil.example", "github.com:8443")) {
            GitProcess r = GitProcess.run(dir, all, "protocol=https\nhost=" + host + "\n\n", List.of("git", "credential", "fill"));
            assertEquals(128, r.exitCode(), host);
            assertEquals("", r.out(), host);
            assertTrue(r.err().startsWith("fatal: could not read Username for 'https://" + host + "': terminal prompts disabled"), r.err());
        }
        GitProcess http = GitProcess.run(dir, all, "protocol=http\nhost=github.com\n\n", List.of("git", "credential", "fill"));
        assertEquals(128, http.exitCode());
        assertEquals(List.of(), agent.requests());
    }

    @Test
    void launcherFastPathAndPicocliPathBothWork() throws Exception {
        agent.then(AgentStub.Answer.credential("username=x-access-token\npassword=ghs_live123\npassword_expiry_utc=1893456000\n"));
        String launcher = GitProcess.DIST.resolve("bin/git-credential-sam").toString();
        GitProcess get = GitProcess.run(dir, env, "protocol=https\nhost=github.com\n\n", List.of(launcher, "get"));
        assertEquals(new GitProcess(0, "username=x-access-token\npassword=ghs_live123\npassword_expiry_utc=1893456000\n", ""), get);
        GitProcess version = GitProcess.run(dir, env, "", List.of(launcher, "--version"));
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("git-credential-sam \\S+\n"), version.out());
        GitProcess usage = GitProcess.run(dir, env, "", List.of(launcher, "nonsense"));
        assertEquals(ExitCodes.USAGE, usage.exitCode());
        assertEquals("", usage.out());
    }

    /**
     * The 10 s bound holds for the process as its caller sees it, JVM start and exit included: a
     * caller that kills at 10 s (as a login shell's fallback may) still gets {@code quit=1}.
     */
    @Test
    void agentThatNeverAnswersEndsTheWholeProcessWithinTheBound() throws Exception {
        agent.always(AgentStub.Answer.never());
        String launcher = GitProcess.DIST.resolve("bin/git-credential-sam").toString();
        long start = System.nanoTime();
        GitProcess r = GitProcess.run(dir, env, "protocol=https\nhost=github.com\n\n", List.of(launcher, "get"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(new GitProcess(ExitCodes.UNREACHABLE, "quit=1\n",
                "git-credential-sam: " + agent.url() + ": node_unreachable (no answer within 9 s)\n"), r);
        assertTrue(millis < AgentClient.TIME_BOUND_MILLIS, "spawn to exit took " + millis + " ms");
    }

    /** A terminal on stdin (a person typing the command) is never read: the answer is empty at once. */
    @Test
    void terminalOnStdinIsNeverRead() throws Exception {
        agent.always(AgentStub.Answer.credential("username=x-access-token\npassword=ghs_live123\n"));
        String launcher = GitProcess.DIST.resolve("bin/git-credential-sam").toString();
        // script(1) gives the launcher a pseudo-terminal as stdin and types our request into it;
        // without the guard the helper would read it from the terminal and ask the agent.
        GitProcess r = GitProcess.run(dir, env, "protocol=https\nhost=github.com\n\n", List.of("script", "-qec", launcher + " get", "/dev/null"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(!r.out().contains("password="), r.out());
        assertEquals(List.of(), agent.requests());
    }
}
