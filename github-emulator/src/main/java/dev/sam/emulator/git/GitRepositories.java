package dev.sam.emulator.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repositories served over git, by full name ({@code owner/name}, case-insensitive as on GitHub).
 * A bare repository is served in place; any other repository (a working tree, this project's own
 * checkout) is first copied with {@code git clone --bare} under {@code root}, so pushes never touch it.
 */
public final class GitRepositories {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final long CLONE_TIMEOUT_SECONDS = 300;

    private final Path root;
    private final Map<String, Path> byName = new ConcurrentHashMap<>();

    public GitRepositories(Path root) {
        this.root = root;
    }

    /** Registers {@code source} as {@code fullName}; answers the bare repository that is served. */
    public Path register(String fullName, Path source) {
        String key = key(fullName);
        Path src = source.toAbsolutePath().normalize();
        if (!Files.isDirectory(src)) {
            throw new IllegalArgumentException("not a directory: " + src);
        }
        Path served;
        if (isBare(src)) {
            served = src;
        } else {
            served = root.resolve(key + ".git");
            deleteRecursively(served);
            git(List.of("git", "clone", "--bare", "-q", "--", src.toString(), served.toString()));
        }
        byName.put(key, served);
        return served;
    }

    public Optional<Path> find(String fullName) {
        try {
            return Optional.ofNullable(byName.get(key(fullName)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /** Lower-cased {@code owner/name}; refuses anything that could climb out of {@code root}. */
    static String key(String fullName) {
        String[] parts = fullName == null ? new String[0] : fullName.split("/", -1);
        if (parts.length != 2 || !PART.matcher(parts[0]).matches() || !PART.matcher(parts[1]).matches()
                || parts[0].startsWith(".") || parts[1].startsWith(".")) {
            throw new IllegalArgumentException("repository must be a full name owner/name, got: " + fullName);
        }
        return (parts[0] + "/" + parts[1]).toLowerCase(Locale.ROOT);
    }

    private static boolean isBare(Path dir) {
        return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
                && Files.isDirectory(dir.resolve("refs"));
    }

    private static void git(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        GitEnvironment.isolate(pb.environment());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(CLONE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git clone --bare timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("git clone --bare failed: " + new String(out, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
