package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.emulator.git.GitHttpsServer;
import dev.sam.emulator.git.GitRequestOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real git against the emulator's smart-HTTP endpoint over HTTPS: only a live installation token
 * scoped to the repository gets through, with GitHub's answers otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitOverHttpsTest {
    static final long INSTALLATION = 7301;

    // One emulator and one git endpoint per class: generating TLS material forks keytool.
    Path dir;
    GitHubEmulator emu;
    GitHubHttp http;
    GitHttpsServer git;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("git-over-https");
        emu = GitHubEmulator.start();
        emu.registerApp(TestApp.APP_ID, TestApp.KEYS.getPublic());
        emu.addInstallation(INSTALLATION, "acme", Map.of("contents", "write", "metadata", "read"), List.of("acme/api", "acme/web"));
        http = new GitHubHttp(emu.baseUri());
        git = emu.startGit(dir.resolve("emulator"));
        Path work = dir.resolve("seed");
        run(dir, null, "git", "init", "-q", "-b", "main", work.toString());
        Files.writeString(work.resolve("README"), "served by the emulator\n");
        run(work, null, "git", "add", "README");
        run(work, null, "git", "-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "seed");
        git.register("acme/api", work);
        Path bare = dir.resolve("web.git");
        run(dir, null, "git", "clone", "-q", "--bare", work.toString(), bare.toString());
        git.register("acme/web", bare);
    }

    @AfterEach
    void cleanUp() throws Exception {
        emu.setClockOffset(Duration.ZERO);
        run(dir, null, "rm", "-rf", dir.resolve("out").toString());
    }

    @AfterAll
    void stop() throws Exception {
        emu.close();
        run(Path.of("/"), null, "rm", "-rf", dir.toString());
    }

    @Test
    void cloneWithAScopedTokenWorksAndLeavesNoTokenInTheClone() throws Exception {
        String token = mint("{\"repositories\":[\"api\"]}");
        int before = git.outcomes().size();
        Result clone = gitWith(token, "clone", "-q", git.cloneUri("acme/api").toString(), "out");
        assertEquals(0, clone.code, clone.output);
        assertEquals("served by the emulator\n", Files.readString(dir.resolve("out/README")));
        assertFalse(Files.readString(dir.resolve("out/.git/config")).contains(token));
        List<GitRequestOutcome> outcomes = git.outcomes().subList(before, git.outcomes().size());
        assertEquals("no_credentials", outcomes.get(0).outcome());
        assertEquals(401, outcomes.get(0).status());
        assertEquals("ok", outcomes.get(outcomes.size() - 1).outcome());
        assertEquals(TokenLedger.sha256(token).substring(0, 12), outcomes.get(outcomes.size() - 1).fingerprint());
        outcomes.forEach(o -> assertFalse(o.logLine().contains(token)));
    }

    @Test
    void aTokenForAnotherRepositoryGetsNotFound() throws Exception {
        String token = mint("{\"repositories\":[\"api\"]}");
        Result clone = gitWith(token, "clone", "-q", git.cloneUri("acme/web").toString(), "out");
        assertEquals(128, clone.code, clone.output);
        assertTrue(clone.output.contains("Repository not found"), clone.output);
        assertEquals("not_covered", last().outcome());
        assertEquals(404, last().status());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void revokedAndExpiredTokensAreRefused() throws Exception {
        String revoked = mint(null);
        emu.revoke(revoked);
        Result r = gitWith(revoked, "ls-remote", git.cloneUri("acme/api").toString());
        assertEquals(128, r.code, r.output);
        assertEquals("bad_credentials", last().outcome());

        String expiring = mint(null);
        emu.setClockOffset(Duration.ofHours(2));
        Result e = gitWith(expiring, "ls-remote", git.cloneUri("acme/api").toString());
        assertEquals(128, e.code, e.output);
        assertEquals("bad_credentials", last().outcome());
        assertEquals(401, last().status());
    }

    @Test
    void pushNeedsContentsWrite() throws Exception {
        String write = mint("{\"repositories\":[\"web\"]}");
        assertEquals(0, gitWith(write, "clone", "-q", git.cloneUri("acme/web").toString(), "out").code);
        Path out = dir.resolve("out");
        Files.writeString(out.resolve("CHANGE"), "pushed\n");
        run(out, null, "git", "add", "CHANGE");
        run(out, null, "git", "-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "change");
        String readOnly = mint("{\"repositories\":[\"web\"],\"permissions\":{\"contents\":\"read\"}}");
        Result denied = gitWith(readOnly, "-C", out.toString(), "push", "-q", "origin", "main");
        assertNotEquals(0, denied.code, denied.output);
        assertEquals("no_permission", last().outcome());
        assertEquals(403, last().status());

        Result pushed = gitWith(write, "-C", out.toString(), "push", "-q", "origin", "main");
        assertEquals(0, pushed.code, pushed.output);
        String head = run(out, null, "git", "rev-parse", "HEAD").strip();
        assertEquals(head, run(dir, null, "git", "--git-dir", dir.resolve("web.git").toString(), "rev-parse", "main").strip());
    }

    @Test
    void controlEndpointRegistersAndDescribes() throws Exception {
        Path another = dir.resolve("another.git");
        run(dir, null, "git", "init", "-q", "--bare", another.toString());
        var r = http.control("POST", "/_emulator/git/repositories",
                "{\"full_name\":\"acme/another\",\"path\":\"" + another + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = GitHubHttp.json(r);
        assertEquals(git.cloneUri("acme/another").toString(), body.get("clone_url").asText());
        assertEquals(git.host(), body.get("host").asText());
        assertTrue(Files.readString(Path.of(body.get("ca_pem").asText())).startsWith("-----BEGIN CERTIFICATE-----"));

        var bad = http.control("POST", "/_emulator/git/repositories", "{\"full_name\":\"../x\",\"path\":\"" + another + "\"}");
        assertEquals(400, bad.statusCode(), bad.body());

        gitWith(null, "ls-remote", git.cloneUri("acme/api").toString());
        JsonNode requests = GitHubHttp.json(http.get("/_emulator/git/requests", null)).get("requests");
        assertEquals("no_credentials", requests.get(requests.size() - 1).get("outcome").asText());
    }

    private GitRequestOutcome last() {
        List<GitRequestOutcome> all = git.outcomes();
        return all.get(all.size() - 1);
    }

    private String mint(String body) {
        var r = http.mint(INSTALLATION, TestApp.jwt(), body);
        assertEquals(201, r.statusCode(), r.body());
        return GitHubHttp.json(r).get("token").asText();
    }

    record Result(int code, String output) {
    }

    /** git trusting the emulator's CA; the token reaches git through a helper reading the environment, never argv. */
    private Result gitWith(String token, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "http.sslCAInfo=" + git.caPem(),
                "-c", "credential.helper=", "-c", "credential.helper=!f() { test \"$1\" = get || exit 0; echo username=x-access-token; echo \"password=$SAM_TEST_TOKEN\"; }; f"));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        if (token != null) {
            env.put("SAM_TEST_TOKEN", token);
        }
        return exec(dir, env, command);
    }

    private static String run(Path cwd, Map<String, String> env, String... command) throws Exception {
        Result r = exec(cwd, env, List.of(command));
        assertEquals(0, r.code, String.join(" ", command) + ": " + r.output);
        return r.output;
    }

    private static Result exec(Path cwd, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }
}
