package dev.sam.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.bootstrap.plan.BootstrapPlan;
import dev.sam.bootstrap.plan.PlannedFile;
import dev.sam.contract.bootstrap.HookPaths;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.error.Reason;
import dev.sam.contract.workspace.HelperConfigKeys;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BootstrapRendererTest {
    private static final String TOKEN = "ghs_renderTestToken0123456789";

    @Test
    void planHasEveryFileWithItsModeAndOwner() {
        BootstrapPlan plan = BootstrapRenderer.render(Workspaces.withValue(TOKEN, 1001, 1002));
        assertOwner(plan, WorkspacePaths.ENV_FILE, 0640, 0, 1002);
        assertOwner(plan, WorkspacePaths.PROFILE_SCRIPT, 0640, 0, 1002);
        assertOwner(plan, WorkspacePaths.WORKSPACE_CREDENTIAL, 0600, 1001, 1002);
        assertOwner(plan, WorkspacePaths.HELPER_LAUNCHER, 0755, 0, 0);
        assertOwner(plan, WorkspacePaths.HELPER_CONFIG, 0644, 0, 0);
        assertOwner(plan, WorkspacePaths.SYSTEM_GITCONFIG, 0644, 0, 0);
        assertOwner(plan, WorkspacePaths.SAM_GITCONFIG, 0644, 0, 0);
        assertOwner(plan, WorkspacePaths.PROFILE_STUB, 0644, 0, 0);
        for (String hook : List.of(HookPaths.BASH_BASHRC, HookPaths.SAM_BASH_HOOK, HookPaths.ZSH_ZSHENV, HookPaths.FISH_CONF,
                HookPaths.SAM_FISH_HOOK)) {
            assertOwner(plan, hook, 0644, 0, 0);
        }
        assertEquals(14, plan.files().size());
    }

    /**
     * A runtime may bind files outside {@code /etc/sam} one by one, and a running sandbox keeps the
     * first inode of such a file when it is renamed over: their bytes must not depend on anything
     * (token, values, hosts, agent address, ids). What varies must be under {@code /etc/sam}.
     */
    @Test
    void everyFileOutsideEtcSamIsTheSameWhateverTheInput() {
        List<WorkspaceBootstrap> inputs = List.of(
                Workspaces.withValue(TOKEN, 1001, 1002),
                Workspaces.withValue("other 'token'\nline", 0, 0),
                Workspaces.withoutToken(5, 6),
                new WorkspaceBootstrap("ws-9", "a/b", "dev", "node-2", "https://api2.example.test", "https://ws-9.example.test",
                        Optional.of("ghs_another"), Optional.of(Workspaces.EXPIRY.plusSeconds(60)), "http://127.0.0.1:9999",
                        "othercred", 7, 8, List.of("ghe1.example.test", "ghe2.example.test:8443"), Map.of("EXTRA_A", "1", "EXTRA_B", "2")));
        BootstrapPlan reference = BootstrapRenderer.render(inputs.get(0));
        Set<String> varying = new java.util.TreeSet<>();
        for (WorkspaceBootstrap w : inputs) {
            BootstrapPlan plan = BootstrapRenderer.render(w);
            assertEquals(reference.files().stream().map(PlannedFile::path).toList(), plan.files().stream().map(PlannedFile::path).toList());
            for (PlannedFile f : plan.files()) {
                PlannedFile r = reference.file(f.path()).orElseThrow();
                if (!java.util.Arrays.equals(r.bytes(), f.bytes()) || r.mode() != f.mode()) {
                    varying.add(f.path());
                }
            }
        }
        for (String path : varying) {
            assertTrue(path.startsWith("/etc/sam/"), path + " varies with the input but is outside /etc/sam");
        }
        // The inputs do vary every live file, so the check above has something to catch.
        assertEquals(new java.util.TreeSet<>(Set.of(WorkspacePaths.ENV_FILE, WorkspacePaths.PROFILE_SCRIPT, HookPaths.SAM_FISH_HOOK,
                WorkspacePaths.SAM_GITCONFIG, WorkspacePaths.HELPER_CONFIG, WorkspacePaths.WORKSPACE_CREDENTIAL)), varying);
    }

    @Test
    void secretsAreOnlyInTheFilesMeantForThem() {
        BootstrapPlan plan = BootstrapRenderer.render(Workspaces.withValue(TOKEN, 1001, 1002));
        Set<String> tokenFiles = Set.of(WorkspacePaths.ENV_FILE, WorkspacePaths.PROFILE_SCRIPT);
        for (PlannedFile f : plan.files()) {
            String text = new String(f.bytes(), StandardCharsets.UTF_8);
            assertEquals(tokenFiles.contains(f.path()), text.contains(TOKEN), f.path());
            assertEquals(f.path().equals(WorkspacePaths.WORKSPACE_CREDENTIAL), text.contains(Workspaces.CREDENTIAL), f.path());
            if (text.contains(TOKEN) || text.contains(Workspaces.CREDENTIAL)) {
                assertEquals(0, f.mode() & 07, f.path() + " readable by others");
            }
        }
    }

    @Test
    void helperConfigNamesAgentCredentialFileAndExtraHosts() {
        PlannedFile conf = BootstrapRenderer.render(Workspaces.withValue(TOKEN, 1, 1)).file(WorkspacePaths.HELPER_CONFIG).orElseThrow();
        Map<String, String> c = EnvFile.read(conf.bytes());
        assertEquals("http://127.0.0.1:9100", c.get(HelperConfigKeys.AGENT_URL));
        assertEquals("ws-1", c.get(HelperConfigKeys.WORKSPACE_ID));
        assertEquals(WorkspacePaths.WORKSPACE_CREDENTIAL, c.get(HelperConfigKeys.CREDENTIAL_FILE));
        assertEquals("ghe.example.com", c.get(HelperConfigKeys.EXTRA_HOSTS));
        assertEquals(Workspaces.CREDENTIAL, new String(
                BootstrapRenderer.render(Workspaces.withValue(TOKEN, 1, 1)).file(WorkspacePaths.WORKSPACE_CREDENTIAL).orElseThrow().bytes(),
                StandardCharsets.US_ASCII));
    }

    @Test
    void launcherExecsTheMountedHelperWithItsArguments() {
        PlannedFile l = BootstrapRenderer.render(Workspaces.withValue(TOKEN, 1, 1)).file(WorkspacePaths.HELPER_LAUNCHER).orElseThrow();
        assertEquals("#!/bin/sh\n# /usr/local/bin/git-credential-sam: written by SAM.\n"
                + "exec /opt/sam/credential-helper/bin/git-credential-sam \"$@\"\n", new String(l.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void withoutTokenTheEnvFileOmitsItAndEmptyValuesAreLeftOut() {
        WorkspaceBootstrap w = new WorkspaceBootstrap("ws-2", "o/r", "", null, "", "", Optional.empty(), Optional.empty(),
                "http://agent", "cred", 1, 1, List.of(), Map.of());
        Map<String, String> env = EnvFile.read(BootstrapRenderer.render(w).file(WorkspacePaths.ENV_FILE).orElseThrow().bytes());
        assertEquals(Map.of(EnvNames.SAM_REPOSITORY, "o/r", EnvNames.SAM_WORKSPACE_ID, "ws-2"), env);
    }

    @Test
    void renderingIsDeterministic() {
        assertEquals(BootstrapRenderer.render(Workspaces.withValue(TOKEN, 1, 2)), BootstrapRenderer.render(Workspaces.withValue(TOKEN, 1, 2)));
    }

    @Test
    void badInputIsRefusedWithInvalidRequest() {
        for (Map<String, String> extra : List.of(Map.of("GH_TOKEN", "x"), Map.of("SAM_GH_TOKEN_SOURCE", "x"),
                Map.of("PATH", "/evil"), Map.of("LD_PRELOAD", "x"), Map.of("lower", "x"), Map.of("A", "nul\0"))) {
            BootstrapException e = assertThrows(BootstrapException.class, () -> BootstrapRenderer.render(
                    new WorkspaceBootstrap("ws", "o/r", "", "", "", "", Optional.empty(), Optional.empty(), "http://a", "c",
                            1, 1, List.of(), extra)), extra.toString());
            assertEquals(Reason.INVALID_REQUEST, e.reason());
        }
        assertThrows(BootstrapException.class, () -> BootstrapRenderer.render(
                new WorkspaceBootstrap("ws", "o/r", "", "", "", "", Optional.empty(), Optional.empty(), "http://a",
                        "cred with space", 1, 1, List.of(), Map.of())));
        assertThrows(BootstrapException.class, () -> new WorkspaceBootstrap("", "o/r", "", "", "", "", Optional.empty(),
                Optional.empty(), "http://a", "c", 1, 1, List.of(), Map.of()));
    }

    @Test
    void toStringsNeverShowSecrets() {
        WorkspaceBootstrap w = new WorkspaceBootstrap("ws-1", "o/r", "main", "n", "", "", Optional.of(TOKEN),
                Optional.of(Workspaces.EXPIRY), "http://a", Workspaces.CREDENTIAL, 1, 1, List.of(), Map.of());
        assertFalse(w.toString().contains(TOKEN));
        assertFalse(w.toString().contains(Workspaces.CREDENTIAL));
        for (PlannedFile f : BootstrapRenderer.render(w).files()) {
            assertFalse(f.toString().contains(TOKEN));
        }
        assertTrue(w.toString().contains("ws-1"));
    }

    private static void assertOwner(BootstrapPlan plan, String path, int mode, int uid, int gid) {
        PlannedFile f = plan.file(path).orElseThrow(() -> new AssertionError("missing " + path));
        assertEquals(mode, f.mode(), path);
        assertEquals(uid, f.uid(), path);
        assertEquals(gid, f.gid(), path);
    }
}
