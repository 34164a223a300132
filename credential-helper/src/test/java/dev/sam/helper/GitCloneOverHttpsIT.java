package dev.sam.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.contract.agent.AgentPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git ls-remote} and {@code git clone} over HTTPS against a smart-HTTP server that wants
 * Basic {@code x-access-token:<token>}, configured as an Enterprise host: the whole path git takes
 * on a real fetch, with the built distribution as its helper and prompts disabled.
 */
class GitCloneOverHttpsIT {
    private static final String TOKEN = "ghs_cloneToken0123456789abcdefghij";
    private static final char[] STOREPASS = "changeit".toCharArray();

    @TempDir
    Path dir;
    AgentStub agent;
    SmartHttpsServer git;
    Map<String, String> env;
    String url;

    @BeforeEach
    void start() throws Exception {
        Path ks = dir.resolve("server.p12");
        Path ca = dir.resolve("ca.pem");
        run(List.of("keytool", "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", new String(STOREPASS), "-keypass", new String(STOREPASS)));
        run(List.of("keytool", "-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(),
                "-storepass", new String(STOREPASS), "-file", ca.toString()));
        Path root = Files.createDirectories(dir.resolve("srv"));
        run(List.of("git", "init", "-q", "--bare", "-b", "main", root.resolve("repo.git").toString()));
        Path seed = dir.resolve("seed");
        run(List.of("git", "init", "-q", "-b", "main", seed.toString()));
        Files.writeString(seed.resolve("README"), "served over https\n");
        run(List.of("git", "-C", seed.toString(), "add", "README"));
        run(List.of("git", "-C", seed.toString(), "-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "seed"));
        run(List.of("git", "-C", seed.toString(), "push", "-q", root.resolve("repo.git").toString(), "main"));

        git = new SmartHttpsServer(ks, STOREPASS, root, TOKEN);
        agent = new AgentStub();
        String host = "127.0.0.1:" + git.port();
        url = "https://" + host + "/repo.git";
        Path config = HelperRun.config(dir, agent.url(), "wsc-secret-credential\n", host);
        Path gitconfig = Files.writeString(dir.resolve("gitconfig"), "[credential \"https://" + host + "\"]\n\thelper =\n\thelper = sam\n"
                + "[http]\n\tsslCAInfo = " + ca + "\n");
        env = new HashMap<>(Map.of("GIT_CONFIG_SYSTEM", gitconfig.toString(), "SAM_HELPER_CONFIG", config.toString(),
                "GIT_TERMINAL_PROMPT", "0", "HOME", dir.toString()));
    }

    @AfterEach
    void stop() {
        if (git != null) {
            git.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void cloneAuthenticatesWithTheAgentsTokenAndKeepsItOutOfGitConfig() throws Exception {
        agent.always(AgentStub.Answer.credential("username=x-access-token\npassword=" + TOKEN + "\npassword_expiry_utc=1893456000\n"));
        GitProcess ls = GitProcess.run(dir, env, "", List.of("git", "ls-remote", url));
        assertEquals(0, ls.exitCode(), ls.err());
        assertTrue(ls.out().matches("[0-9a-f]{40}\tHEAD\n[0-9a-f]{40}\trefs/heads/main\n"), ls.out());

        GitProcess clone = GitProcess.run(dir, env, "", List.of("git", "clone", "-q", url, "cloned"));
        assertEquals(0, clone.exitCode(), clone.err());
        assertEquals("served over https\n", Files.readString(dir.resolve("cloned/README")));
        String gitConfig = Files.readString(dir.resolve("cloned/.git/config"));
        assertTrue(!gitConfig.contains(TOKEN) && gitConfig.contains("url = " + url + "\n"), gitConfig);
        assertTrue(agent.requests().size() >= 2);
        for (AgentStub.Request r : agent.requests()) {
            assertEquals(AgentPaths.GIT_CREDENTIAL, r.path());
            assertEquals("protocol=https\nhost=127.0.0.1:" + git.port() + "\n", r.body());
        }
    }

    @Test
    void wrongTokenFailsWithoutPromptAndErasesTheAgentsCache() throws Exception {
        agent.always(AgentStub.Answer.credential("username=x-access-token\npassword=ghs_wrongToken0123456789abcdefghij\n"));
        GitProcess clone = GitProcess.run(dir, env, "", List.of("git", "clone", "-q", url, "cloned"));
        assertEquals(128, clone.exitCode());
        assertTrue(clone.err().contains("Authentication failed for '" + url + "/'"), clone.err());
        assertEquals(List.of(AgentPaths.GIT_CREDENTIAL, AgentPaths.GIT_CREDENTIAL_ERASE),
                agent.requests().stream().map(AgentStub.Request::path).toList());
        assertTrue(Files.notExists(dir.resolve("cloned")));
    }

    private void run(List<String> command) throws Exception {
        GitProcess r = GitProcess.run(dir, Map.of("HOME", dir.toString()), "", command);
        assertEquals(0, r.exitCode(), command + ": " + r.err());
    }
}
