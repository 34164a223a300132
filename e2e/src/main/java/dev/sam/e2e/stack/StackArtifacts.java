package dev.sam.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the built parts are, relative to the project root; each one checked before anything starts. */
public record StackArtifacts(Path root, Path emulatorJar, Path apiJar, Path agentJar, Path helperDist, Path acpTestAgentJar, Path java) {

    public static StackArtifacts of(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new StackArtifacts(r, emulatorJar(r), r.resolve("api/target/quarkus-app/quarkus-run.jar"),
                r.resolve("vm-agent/target/quarkus-app/quarkus-run.jar"), r.resolve("credential-helper/target/dist"),
                r.resolve("acp-test-agent/target/acp-test-agent.jar"), Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** The project root: {@code -Dsam.root}, else the first parent of the working directory with {@code mvnw}. */
    public static Path findRoot() {
        String configured = System.getProperty("sam.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("e2e"))) {
                return p;
            }
        }
        throw new StackException("cannot find the project root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
    }

    /** Fails naming every missing artifact and the command that builds it. */
    public StackArtifacts verify() {
        List<String> missing = Stream.of(emulatorJar, apiJar, agentJar, helperDist.resolve("bin/git-credential-sam"), acpTestAgentJar)
                .filter(p -> !Files.exists(p)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new StackException("not built: " + String.join(", ", missing) + " (run ./mvnw -B -q package -DskipTests)");
        }
        return this;
    }

    private static Path emulatorJar(Path root) {
        Path target = root.resolve("github-emulator/target");
        if (!Files.isDirectory(target)) {
            return target.resolve("sam-github-emulator-standalone.jar");
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-standalone.jar")).findFirst()
                    .orElse(target.resolve("sam-github-emulator-standalone.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
