package dev.sam.bootstrap.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.Workspaces;
import dev.sam.bootstrap.fs.PlanApplier;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.env.HostileValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile value, as GH_TOKEN, as a SAM_* value and as an extra value, comes out of every
 * shell byte for byte, runs nothing (no CANARY), and survives the static env file unchanged.
 */
class HostileValuesInShellsTest {
    private static final String PRINT = "printf '%s' \"$GH_TOKEN\" > gh; printf '%s' \"$SAM_BRANCH\" > br; "
            + "printf '%s' \"$SAM_TEST_EXTRA\" > ex";

    static Stream<Integer> values() {
        return IntStream.range(0, HostileValues.ALL.size()).boxed();
    }

    @ParameterizedTest(name = "HostileValues.ALL[{0}]")
    @MethodSource("values")
    void valueReachesEveryShellByteForByte(int index, @TempDir Path tmp) throws Exception {
        String value = HostileValues.ALL.get(index);
        byte[] expected = value.getBytes(StandardCharsets.UTF_8);
        Path root = Files.createDirectory(tmp.resolve("root"));
        PlanApplier.forCurrentUser().apply(root,
                BootstrapRenderer.render(Workspaces.withValue(value, 0, WorkspaceShell.USER)));
        WorkspaceShell shell = new WorkspaceShell(root, WorkspaceShell.openDir(tmp.resolve("scratch")));

        for (ShellKind kind : ShellKind.values()) {
            WorkspaceShell.Result r = shell.run(kind.command(PRINT));
            assertEquals(0, r.exit(), kind + " exit; stderr: " + r.stderrText());
            assertArrayEquals(expected, readAndDelete(shell.cwd().resolve("gh")), kind + " GH_TOKEN");
            assertArrayEquals(expected, readAndDelete(shell.cwd().resolve("br")), kind + " SAM_BRANCH");
            assertArrayEquals(expected, readAndDelete(shell.cwd().resolve("ex")), kind + " SAM_TEST_EXTRA");
            assertEquals("", r.stdoutText(), kind + " stdout");
            if (kind.silentByItself()) {
                assertEquals("", r.stderrText(), kind + " stderr");
            }
            assertNoCanary(shell);
        }

        Map<String, String> envFile = EnvFile.read(Files.readAllBytes(root.resolve("etc/sam/env")));
        assertArrayEquals(expected, envFile.get(EnvNames.GH_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, envFile.get(EnvNames.SAM_BRANCH).getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, envFile.get("SAM_TEST_EXTRA").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readAndDelete(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private static void assertNoCanary(WorkspaceShell shell) throws IOException {
        for (Path dir : new Path[] {shell.cwd(), shell.home()}) {
            try (Stream<Path> files = Files.walk(dir)) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().equals("CANARY")), "CANARY created under " + dir);
            }
        }
    }
}
