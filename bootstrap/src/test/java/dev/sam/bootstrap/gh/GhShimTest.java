package dev.sam.bootstrap.gh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.Workspaces;
import dev.sam.bootstrap.plan.PlannedFile;
import dev.sam.contract.session.GhShimPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gh shim run by real dash and bash, with real git asking a stand-in helper, and a stand-in
 * "real gh" that reports the GH_TOKEN and argv it was given.
 */
class GhShimTest {
    static final String LIVE = "ghs_LiveLiveLiveLiveLiveLiveLiveLive0001";
    static final String OLD = "ghs_OldOldOldOldOldOldOldOldOldOldOld0002";
    static final String USERS = "ghp_UsersOwnUsersOwnUsersOwnUsersOwn0003";

    @TempDir
    Path temp;
    Path shim;
    Path gitconfig;
    Path helperCalls;

    @BeforeEach
    void setUp() throws Exception {
        Path realGh = temp.resolve("real-gh");
        // Reports what it got: the token through the environment, the arguments untouched.
        write(realGh, "#!/bin/sh\nprintf 'token=%s\\nsource=%s\\n' \"${GH_TOKEN-}\" \"${SAM_GH_TOKEN_SOURCE-}\"\n"
                + "for a in \"$@\"; do printf 'arg=%s\\n' \"$a\"; done\n");
        shim = temp.resolve("gh");
        Files.write(shim, GhShimRenderer.render(realGh.toString()));
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        helperCalls = temp.resolve("helper-calls");
        Path helper = temp.resolve("helper");
        write(helper, "#!/bin/sh\necho call >> " + helperCalls + "\ncat >/dev/null\nprintf 'username=x-access-token\\npassword=" + LIVE + "\\n'\n");
        gitconfig = temp.resolve("gitconfig");
        Files.writeString(gitconfig, "[credential \"https://github.com\"]\n\thelper = \"!" + helper + "\"\n");
    }

    @Test
    void theFileIsInThePlanExecutableAndRootOwned() {
        PlannedFile f = BootstrapRenderer.render(Workspaces.withValue("ghs_x", 1000, 1000)).file(GhShimPaths.SHIM).orElseThrow();
        assertEquals(0755, f.mode());
        assertEquals(0, f.uid());
        String text = new String(f.bytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("#!/bin/sh\n"));
        assertTrue(text.endsWith("exec " + GhShimPaths.REAL_GH + " \"$@\"\n"));
        assertFalse(text.contains("ghs_x"), "the shim holds no token");
    }

    @Test
    void emptyTokenGetsTheLiveOneInDashAndBash() throws Exception {
        for (String sh : List.of("/bin/dash", "/bin/bash")) {
            Result r = run(sh, Map.of(), "pr", "list", "--repo", "o/r");
            assertEquals(0, r.exit);
            assertEquals("token=" + LIVE + "\nsource=sam\narg=pr\narg=list\narg=--repo\narg=o/r\n", r.out, sh);
        }
        assertEquals(2, Files.readAllLines(helperCalls).size(), "one helper round trip per call");
    }

    @Test
    void samsOldTokenIsReplacedByTheLiveOne() throws Exception {
        Result r = run("/bin/dash", Map.of("GH_TOKEN", OLD, "SAM_GH_TOKEN_SOURCE", "sam"), "auth", "status");
        assertEquals("token=" + LIVE + "\nsource=sam\narg=auth\narg=status\n", r.out);
    }

    @Test
    void aUsersOwnTokenIsLeftAloneAndTheHelperIsNotAsked() throws Exception {
        Result r = run("/bin/dash", Map.of("GH_TOKEN", USERS), "api", "user");
        assertEquals("token=" + USERS + "\nsource=\narg=api\narg=user\n", r.out);
        assertFalse(Files.exists(helperCalls));
    }

    @Test
    void withoutAnAnswerTheInheritedValueIsKeptAndNothingIsPrinted() throws Exception {
        Files.writeString(gitconfig, "[credential \"https://github.com\"]\n\thelper = \"!f() { echo broken >&2; exit 1; }; f\"\n");
        Result r = run("/bin/dash", Map.of("GH_TOKEN", OLD, "SAM_GH_TOKEN_SOURCE", "sam"), "x");
        assertEquals("token=" + OLD + "\nsource=sam\narg=x\n", r.out);
        assertEquals("", r.err);
    }

    @Test
    void aHangingHelperIsCutOffAndGhStillRuns() throws Exception {
        Files.writeString(gitconfig, "[credential \"https://github.com\"]\n\thelper = \"!sleep 60 #\"\n");
        Result r = run("/bin/dash", Map.of(), "x");
        assertEquals("token=\nsource=\narg=x\n", r.out);
    }

    @Test
    void argumentsWithSpacesAndQuotesPassThroughUntouched() throws Exception {
        Result r = run("/bin/bash", Map.of(), "a b", "it's", "$HOME", "");
        assertEquals("token=" + LIVE + "\nsource=sam\narg=a b\narg=it's\narg=$HOME\narg=\n", r.out);
    }

    record Result(int exit, String out, String err) {
    }

    private Result run(String sh, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(sh, shim.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> e = pb.environment();
        e.clear();
        e.put("PATH", "/usr/bin:/bin");
        e.put("HOME", temp.toString());
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("GIT_CONFIG_GLOBAL", gitconfig.toString());
        e.putAll(new HashMap<>(env));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    private static void write(Path p, String text) throws Exception {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
