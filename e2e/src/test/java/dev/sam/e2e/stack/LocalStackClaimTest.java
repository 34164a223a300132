package dev.sam.e2e.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack whose run directory is already held (another run started in it) gives up without
 * touching it: its cleanup must not delete the live run's keys and tokens.
 */
class LocalStackClaimTest {
    @TempDir
    Path temp;

    @Test
    void aStackThatCannotClaimItsDirectoryLeavesTheLiveRunsFilesAlone() throws Exception {
        Path run = Files.createDirectories(temp.resolve("run"));
        Path secret = Files.writeString(Files.createDirectories(run.resolve("agent")).resolve("node-token"), "live run's secret\n");
        FileLock live = RunDirectory.claim(run);
        try {
            StackArtifacts parts = builtArtifacts();
            StackException e = assertThrows(StackException.class,
                    () -> LocalStack.start(parts, StackOptions.defaults(), run, LocalStack.Progress.QUIET, s -> { }));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertEquals("live run's secret\n", Files.readString(secret));
            assertTrue(Files.exists(run.resolve(RunDirectory.LOCK)), "the live run's lock file stays");
        } finally {
            live.channel().close();
        }
    }

    /** Files where the stack looks for its parts, so that it gets as far as claiming the directory. */
    private StackArtifacts builtArtifacts() throws Exception {
        Path parts = Files.createDirectories(temp.resolve("parts"));
        Path helper = Files.createDirectories(parts.resolve("dist/bin")).resolve("git-credential-sam");
        StackArtifacts a = new StackArtifacts(parts, parts.resolve("emulator.jar"), parts.resolve("api.jar"), parts.resolve("agent.jar"),
                parts.resolve("dist"), parts.resolve("acp.jar"), Path.of(System.getProperty("java.home"), "bin", "java"));
        for (Path p : new Path[] {a.emulatorJar(), a.apiJar(), a.agentJar(), helper, a.acpTestAgentJar()}) {
            Files.writeString(p, "");
        }
        return a;
    }
}
