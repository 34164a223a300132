package dev.sam.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution's class-data archive really serves git's {@code get}: run through the
 * launcher itself (with the JVM told to insist on the archive and to log class loading), every
 * class the answered, the refused and the foreign-host {@code get} load comes from the archive.
 * A class from a jar or from the runtime's module image means the training missed part of the hot
 * path, or a hot class drags in one the training never loads (a picocli type the verifier must
 * check): each costs start-up time on every git call. The dist is used from another directory, as
 * in a workspace where it is mounted elsewhere than where it was built.
 */
class DistClassDataIT {
    /** JFR event classes are never archived by the JVM; the socket code loads three of them. */
    private static final String NEVER_ARCHIVED = "jdk.internal.event.";
    /**
     * JDK 17 fallback only: its dynamic archive holds the JDK's lambda classes (regex uses some) but
     * not the lambda form the linkage spins at run time; the JDK 25 AOT cache holds both.
     */
    private static final String JDK17_SPUN = "java.lang.invoke.LambdaForm$MH/";
    private static final String MARKER = "-Xlog:all=off";
    /** JDK 25: about 1,070 with a training of git's paths only, 1,520 when it also ran --help and --version. */
    private static final int MAX_CLASSES = 1_250;

    @TempDir
    Path dir;
    AgentStub agent;
    Path home;
    Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        agent = new AgentStub();
        Path config = HelperRun.config(dir, agent.url(), "wsc-secret-credential\n", null);
        env = Map.of("SAM_HELPER_CONFIG", config.toString());
        home = Files.createDirectory(dir.resolve("helper-home"));
        Files.createSymbolicLink(home.resolve("lib"), GitProcess.DIST.resolve("lib"));
        Files.createSymbolicLink(home.resolve("runtime"), GitProcess.DIST.resolve("runtime"));
        Files.createDirectory(home.resolve("bin"));
    }

    @AfterEach
    void stop() throws IOException {
        agent.close();
        // Unlinked here so that the temp-dir cleanup never meets links to the real dist.
        Files.deleteIfExists(home.resolve("lib"));
        Files.deleteIfExists(home.resolve("runtime"));
    }

    @Test
    void answeredGetLoadsOnlyArchivedClasses() throws Exception {
        agent.then(AgentStub.Answer.credential("username=x-access-token\npassword=ghs_live123\npassword_expiry_utc=1893456000\n"));
        Run r = get("protocol=https\nhost=github.com\n\n");
        assertEquals(new GitProcess(0, "username=x-access-token\npassword=ghs_live123\npassword_expiry_utc=1893456000\n", ""), r.process());
        assertOnlyArchived(r);
    }

    @Test
    void refusedGetLoadsOnlyArchivedClasses() throws Exception {
        agent.always(AgentStub.Answer.error(403, "installation_suspended", "suspended"));
        Run r = get("protocol=https\nhost=github.com\n\n");
        assertEquals(new GitProcess(ExitCodes.UNAVAILABLE, "quit=1\n",
                "git-credential-sam: " + agent.url() + ": installation_suspended (suspended)\n"), r.process());
        assertOnlyArchived(r);
    }

    @Test
    void foreignHostGetLoadsOnlyArchivedClasses() throws Exception {
        Run r = get("protocol=https\nhost=gitlab.com\n\n");
        assertEquals(new GitProcess(0, "", ""), r.process());
        assertEquals(List.of(), agent.requests());
        assertOnlyArchived(r);
    }

    private record Run(GitProcess process, List<String> loads, boolean aotCache) {
    }

    /** Runs {@code get} through a copy of the launcher whose JVM must use the archive and logs each class load. */
    private Run get(String stdin) throws Exception {
        Path log = dir.resolve("class-load.log");
        Files.deleteIfExists(log);
        String launcher = Files.readString(GitProcess.DIST.resolve("bin/git-credential-sam"));
        assertEquals(launcher.indexOf(MARKER), launcher.lastIndexOf(MARKER), "one " + MARKER + " in the launcher");
        assertTrue(launcher.contains(MARKER), "launcher passes " + MARKER);
        // JDK 25 AOT cache: AOTMode=on fails the start when the cache cannot be used; a JDK 17 archive: -Xshare:on.
        boolean aotCache = Files.exists(home.resolve("lib/git-credential-sam.aot"));
        String insist = aotCache ? "-XX:AOTMode=on" : "-Xshare:on";
        Path copy = home.resolve("bin/git-credential-sam");
        Files.writeString(copy, launcher.replace(MARKER, MARKER + " " + insist + " -Xlog:class+load=info:file=" + log));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        GitProcess p = GitProcess.run(dir, env, stdin, List.of(copy.toString(), "get"));
        List<String> loads = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.contains("[class,load]")) {
                loads.add(line);
            }
        }
        return new Run(p, loads, aotCache);
    }

    private static void assertOnlyArchived(Run r) {
        assertTrue(r.loads().size() > 400, "class-load log has the JVM's classes: " + r.loads().size());
        List<String> outside = new ArrayList<>();
        for (String line : r.loads()) {
            boolean excused = line.contains("] " + NEVER_ARCHIVED) || (!r.aotCache() && line.contains("] " + JDK17_SPUN));
            if (!line.contains("source: shared objects file") && !excused) {
                outside.add(line);
            }
        }
        assertEquals(List.of(), outside, "classes loaded from outside the archive");
        // The JVM loads and links every class of an AOT cache at each start, so the training must
        // not fill it with classes git's path never uses (picocli's --help path alone adds ~450).
        assertTrue(r.loads().size() < MAX_CLASSES, "classes loaded by get: " + r.loads().size() + ", at most " + MAX_CLASSES);
    }
}
