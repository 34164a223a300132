package dev.sam.emulator;

import dev.sam.contract.secret.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts the emulator as a real JVM process, the way e2e and `./sam demo` run it. */
class StandaloneMainTest {
    @TempDir
    Path dir;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void printsReadyLineServesAndKeepsConfigurationInTheStateFile() throws Exception {
        Path state = dir.resolve("state.json");
        Running first = launch(state, dir.resolve("first.log"));
        GitHubHttp http = new GitHubHttp(first.base());
        ControlEndpointsTest.configure(http);
        HttpResponse<String> minted = http.mint(31, TestApp.jwt(), null);
        assertEquals(201, minted.statusCode(), minted.body());
        String token = GitHubHttp.json(minted).get("token").asText();
        assertEquals(200, http.get("/installation/repositories", "token " + token).statusCode());

        String saved = Files.readString(state);
        assertTrue(saved.contains("acme/web") && saved.contains("BEGIN PUBLIC KEY"), saved);
        assertFalse(Redactor.containsToken(saved), "tokens are never persisted");

        // SIGTERM: the shutdown hook closes the server and the process exits.
        first.process().destroy();
        assertTrue(first.process().waitFor(20, TimeUnit.SECONDS), "emulator must stop on SIGTERM");
        String firstLog = Files.readString(dir.resolve("first.log"));
        assertTrue(firstLog.contains("minted token"), "the mint is logged: " + firstLog);
        assertFalse(firstLog.contains(token), "the token itself is not");
        assertFalse(Redactor.containsToken(firstLog), firstLog);

        Running second = launch(state, dir.resolve("second.log"));
        HttpResponse<String> afterRestart = new GitHubHttp(second.base()).mint(31, TestApp.jwt(), null);
        assertEquals(201, afterRestart.statusCode(), "app and installation survive a restart: " + afterRestart.body());
    }

    @Test
    void badArgumentsExitWithStatusTwoAndUsage() throws Exception {
        Process p = new ProcessBuilder(command("--port", "not-a-port"))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        started.add(p);

        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(Files.readString(dir.resolve("err")).contains("usage: sam-github-emulator --port N"));
    }

    @Test
    void unreadableStateFileExitsWithStatusTwo() throws Exception {
        Path state = dir.resolve("broken.json");
        Files.writeString(state, "{not json");
        Process p = new ProcessBuilder(command("--port", "0", "--state-file", state.toString()))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        started.add(p);

        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(Files.readString(dir.resolve("err")).contains("cannot use state file"));
        assertFalse(Files.readString(dir.resolve("out")).contains("EMULATOR_READY"), "never READY when unusable");
    }

    private Running launch(Path stateFile, Path log) throws Exception {
        Process p = new ProcessBuilder(command("--port", "0", "--state-file", stateFile.toString()))
                .redirectError(log.toFile())
                .start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
        assertTrue(line != null && line.matches("EMULATOR_READY http://127\\.0\\.0\\.1:[1-9][0-9]*"),
                "ready line: " + line);
        URI base = URI.create(line.substring(GitHubEmulatorMain.READY.length()));
        assertEquals(200, new GitHubHttp(base).control("GET", "/_emulator/health", null).statusCode());
        return new Running(p, base);
    }

    /** How to start the emulator; {@link StandaloneJarIT} swaps in {@code java -jar}. */
    protected List<String> launcher() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java(), "-cp", classpath, GitHubEmulatorMain.class.getName());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(launcher());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Running(Process process, URI base) {
    }
}
