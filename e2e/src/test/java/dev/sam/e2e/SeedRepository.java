package dev.sam.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A small real git repository with one commit whose README says which repository it is. */
final class SeedRepository {
    private SeedRepository() {
    }

    static Path create(Path dir, String fullName) throws IOException, InterruptedException {
        Path repo = dir.resolve("seed-" + fullName.replace('/', '-'));
        git(dir, "init", "-q", "-b", "main", repo.toString());
        Files.writeString(repo.resolve("README"), readme(fullName));
        git(repo, "add", "README");
        git(repo, "-c", "user.name=seed", "-c", "user.email=seed@example.invalid", "commit", "-q", "-m", "seed " + fullName);
        return repo;
    }

    static String readme(String fullName) {
        return "this is " + fullName + "\n";
    }

    private static void git(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Files.createDirectories(cwd);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
    }
}
