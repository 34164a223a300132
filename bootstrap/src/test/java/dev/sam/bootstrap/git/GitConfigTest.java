package dev.sam.bootstrap.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.bootstrap.BootstrapException;
import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.Workspaces;
import dev.sam.bootstrap.fs.PlanApplier;
import dev.sam.bootstrap.plan.GitConfigEntry;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered system git config, read back by real git. */
class GitConfigTest {
    private static final String TOKEN = "ghs_tokenThatMustNotBeInGitConfig";

    @TempDir
    Path tmp;

    /** What runs before git: nothing, or a sandbox that shows a workspace's files at their real paths. */
    private List<String> gitPrefix = List.of();

    @Test
    void helperIsBoundToGithubAndEnterpriseHostsAndNoSecretIsInTheFile() throws Exception {
        Path gitconfig = applied().resolve("etc/sam/gitconfig");
        assertEquals("\nsam\n", git(Map.of(), null, "config", "--file", gitconfig.toString(),
                "--get-all", "credential.https://github.com.helper"));
        assertEquals("\nsam\n", git(Map.of(), null, "config", "--file", gitconfig.toString(),
                "--get-all", "credential.https://ghe.example.com.helper"));
        assertEquals("true\n", git(Map.of(), null, "config", "--file", gitconfig.toString(),
                "--get", "credential.https://github.com.usehttppath"));
        for (Path file : List.of(gitconfig, applied().resolve("etc/gitconfig"))) {
            String text = Files.readString(file);
            assertFalse(text.contains(TOKEN), "token in " + file);
            assertFalse(text.contains(Workspaces.CREDENTIAL), "workspace credential in " + file);
        }
    }

    /** The system file only includes: the image's own config first, then SAM's live one. */
    @Test
    void systemConfigIsAStubIncludingTheImagesThenSams() throws Exception {
        Path stub = applied().resolve("etc/gitconfig");
        assertEquals("/etc/sam/hooks/host/gitconfig\n/etc/sam/gitconfig\n",
                git(Map.of(), null, "config", "--file", stub.toString(), "--get-all", "include.path"));
        assertEquals(1, git(Map.of(), null, "config", "--file", stub.toString(), "--list").lines().map(l -> l.split("=")[0])
                .distinct().count(), "nothing but include.path");
    }

    /**
     * git itself runs git-credential-sam for github.com, with the path, and for no other host. git
     * runs in bubblewrap with the workspace's {@code /etc/gitconfig} and {@code /etc/sam} at their
     * real paths, so the stub's include of {@code /etc/sam/gitconfig} is what binds the helper.
     */
    @Test
    void gitAsksTheSamHelperOnlyForConfiguredHosts() throws Exception {
        Path root = applied();
        gitPrefix = List.of("/usr/bin/bwrap", "--dev-bind", "/", "/", "--ro-bind", root.resolve("etc/sam").toString(), "/etc/sam",
                "--ro-bind", root.resolve("etc/gitconfig").toString(), "/etc/gitconfig", "--");
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path helper = bin.resolve("git-credential-sam");
        Files.writeString(helper, "#!/bin/sh\ncat > \"$0.request\"\nprintf 'username=x-access-token\\npassword=ghs_fromsam\\n'\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "GIT_CONFIG_SYSTEM", "/etc/gitconfig",
                "GIT_CONFIG_GLOBAL", "/dev/null", "GIT_TERMINAL_PROMPT", "0", "HOME", tmp.toString());

        String answer = git(env, "protocol=https\nhost=github.com\npath=octo/repo.git\n\n", "credential", "fill");
        assertTrue(answer.contains("password=ghs_fromsam\n"), answer);
        String request = Files.readString(bin.resolve("git-credential-sam.request"));
        assertTrue(request.contains("host=github.com\n") && request.contains("path=octo/repo.git\n"), request);

        Files.delete(bin.resolve("git-credential-sam.request"));
        assertThrows(AssertionError.class,
                () -> git(env, "protocol=https\nhost=gitlab.com\n\n", "credential", "fill"));
        assertFalse(Files.exists(bin.resolve("git-credential-sam.request")), "helper asked for gitlab.com");
    }

    @Test
    void writerQuotingRoundTripsThroughGit() throws Exception {
        List<String> values = List.of("", " lead and trail ", "semi;colon #hash", "quote\" back\\slash", "tab\there",
                "line\nfeed", "non-ASCII é 日本");
        List<GitConfigEntry> entries = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            entries.add(new GitConfigEntry("sam", "sub \"q\" \\ x", "v" + i, values.get(i)));
        }
        Path file = tmp.resolve("config");
        Files.writeString(file, GitConfigWriter.write(entries));
        for (int i = 0; i < values.size(); i++) {
            String out = git(Map.of(), null, "config", "--file", file.toString(), "--null", "--get", "sam.sub \"q\" \\ x.v" + i);
            assertEquals(values.get(i) + "\0", out, "value " + i);
        }
        assertThrows(IllegalArgumentException.class,
                () -> GitConfigWriter.write(List.of(new GitConfigEntry("sam", null, "v", "cr\r"))));
    }

    @Test
    void extraHostThatIsNotAHostNameIsRefused() {
        for (String bad : List.of("ghe.example.com/path", "https://ghe", "a b", "ghe\"]\n[core", "")) {
            BootstrapException e = assertThrows(BootstrapException.class, () -> GitConfigRenderer.hosts(List.of(bad)), bad);
            assertEquals(Reason.INVALID_REQUEST, e.reason());
        }
        assertEquals(List.of("github.com", "ghe.example.com:8443"),
                GitConfigRenderer.hosts(List.of("GHE.example.com:8443", "github.com")));
    }

    /** The applied workspace root (created on first use). */
    private Path applied() throws IOException {
        Path root = tmp.resolve("root");
        if (!Files.isDirectory(root)) {
            Files.createDirectory(root);
            PlanApplier.forCurrentUser().apply(root, BootstrapRenderer.render(Workspaces.withValue(TOKEN, 0, 0)));
        }
        return root;
    }

    private String git(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(gitPrefix);
        cmd.add("/usr/bin/git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed");
        }
        return out;
    }
}
