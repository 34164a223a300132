package dev.sam.bootstrap.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.Workspaces;
import dev.sam.bootstrap.plan.BootstrapPlan;
import dev.sam.bootstrap.plan.PlannedFile;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanApplierTest {
    private static final int UID = 4242;
    private static final int GID = 4343;

    @TempDir
    Path root;

    @Test
    void everyFileReadsBackWithItsBytesModeAndOwner() throws Exception {
        BootstrapPlan plan = BootstrapRenderer.render(Workspaces.withValue("ghs_x", UID, GID));
        List<Path> written = chowning().apply(root, plan);
        assertEquals(plan.files().size(), written.size());
        for (PlannedFile f : plan.files()) {
            Path p = root.resolve(f.path().substring(1));
            assertArrayEquals(f.bytes(), Files.readAllBytes(p), f.path());
            assertEquals(f.mode(), FileModes.fromPermissions(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)), f.path());
            assertEquals(f.uid(), Files.getAttribute(p, "unix:uid"), f.path());
            assertEquals(f.gid(), Files.getAttribute(p, "unix:gid"), f.path());
        }
        assertEquals("rw-r-----", perms(root.resolve("etc/sam/env")));
        assertEquals(GID, Files.getAttribute(root.resolve("etc/sam/env"), "unix:gid"));
        assertEquals("rw-------", perms(root.resolve("etc/sam/workspace-credential")));
        assertEquals(UID, Files.getAttribute(root.resolve("etc/sam/workspace-credential"), "unix:uid"));
        assertEquals("rwxr-xr-x", perms(root.resolve("usr/local/bin/git-credential-sam")));
        assertNoTempFilesLeft();
    }

    @Test
    void eachFileIsFsyncedBeforeItsRenameAndEachDirectoryOnceAfterItsRenames() throws Exception {
        fsyncOrderAndCount(root.resolve("sequential"), Runnable::run);
    }

    @Test
    void sideBySideOnAnExecutorTheOrderAndCountOfFsyncsHold() throws Exception {
        ExecutorService io = Executors.newCachedThreadPool();
        try {
            fsyncOrderAndCount(root.resolve("parallel"), io);
        } finally {
            io.shutdown();
        }
    }

    private void fsyncOrderAndCount(Path ws, Executor io) throws Exception {
        Files.createDirectories(ws);
        BootstrapPlan plan = BootstrapRenderer.render(Workspaces.withValue("ghs_x", UID, GID));
        Map<Path, PlannedFile> targets = new HashMap<>();
        for (PlannedFile f : plan.files()) {
            targets.put(ws.resolve(f.path().substring(1)), f);
        }
        List<Path> fileSyncs = Collections.synchronizedList(new ArrayList<>());
        List<Path> dirSyncs = Collections.synchronizedList(new ArrayList<>());
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        PlanApplier.Sync recording = new PlanApplier.Sync() {
            @Override
            public void file(FileChannel written, Path tmp) throws IOException {
                PlanApplier.Sync.REAL.file(written, tmp);
                Path target = tmp.resolveSibling(tmp.getFileName().toString().replaceFirst("^\\.(.*)\\.sam-[0-9a-f]+\\.tmp$", "$1"));
                if (!targets.containsKey(target) || Files.exists(target)) {
                    wrong.add("temp " + tmp + " fsynced after its target appeared, or for no planned target");
                }
                fileSyncs.add(target);
            }

            @Override
            public void directory(Path dir) throws IOException {
                PlanApplier.Sync.REAL.directory(dir);
                for (Map.Entry<Path, PlannedFile> t : targets.entrySet()) {
                    if (t.getKey().getParent().equals(dir)
                            && (!Files.exists(t.getKey()) || !Arrays.equals(t.getValue().bytes(), Files.readAllBytes(t.getKey())))) {
                        wrong.add("directory " + dir + " fsynced before " + t.getKey() + " was renamed into it");
                    }
                }
                dirSyncs.add(dir);
            }
        };
        new PlanApplier(PlanApplier.Ownership.CHOWN, p -> { }, recording, io).apply(ws, plan);

        assertEquals(List.of(), wrong);
        assertEquals(targets.keySet(), new HashSet<>(fileSyncs), "every file fsynced");
        assertEquals(plan.files().size(), fileSyncs.size(), "each file once");
        Set<Path> parents = targets.keySet().stream().map(Path::getParent).collect(Collectors.toSet());
        assertTrue(parents.size() < plan.files().size(), "the plan puts several files in one directory");
        assertEquals(parents, new HashSet<>(dirSyncs), "every directory that received a file fsynced");
        assertEquals(parents.size(), dirSyncs.size(), "each directory once, not once per file");
        for (PlannedFile f : plan.files()) {
            assertArrayEquals(f.bytes(), Files.readAllBytes(ws.resolve(f.path().substring(1))), f.path());
        }
        assertNoTempFilesLeft();
    }

    @Test
    void reapplyingKeepsEachUnchangedFileInodeAndReplacesOnlyWhatChanged() throws Exception {
        BootstrapPlan first = BootstrapRenderer.render(Workspaces.withValue("ghs_first", UID, GID));
        BootstrapPlan second = BootstrapRenderer.render(Workspaces.withValue("ghs_second", UID, GID));
        chowning().apply(root, first);
        Files.setPosixFilePermissions(root.resolve("usr/local/bin/gh"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, Object> inodes = new HashMap<>();
        Set<String> changed = new HashSet<>();
        for (int i = 0; i < first.files().size(); i++) {
            PlannedFile f = first.files().get(i);
            inodes.put(f.path(), Files.getAttribute(root.resolve(f.path().substring(1)), "unix:ino"));
            if (!Arrays.equals(f.bytes(), second.files().get(i).bytes())) {
                changed.add(f.path());
            }
        }
        changed.add("/usr/local/bin/gh"); // same bytes, wrong mode: rewritten too
        assertTrue(changed.contains("/etc/sam/env") && changed.size() < first.files().size(), changed.toString());
        List<Path> fileSyncs = Collections.synchronizedList(new ArrayList<>());
        PlanApplier.Sync recording = new PlanApplier.Sync() {
            @Override
            public void file(FileChannel written, Path tmp) throws IOException {
                fileSyncs.add(tmp);
            }

            @Override
            public void directory(Path dir) {
            }
        };

        List<Path> targets = new PlanApplier(PlanApplier.Ownership.CHOWN, p -> { }, recording).apply(root, second);

        assertEquals(second.files().size(), targets.size(), "every target is returned, read back");
        for (PlannedFile f : second.files()) {
            Path p = root.resolve(f.path().substring(1));
            assertArrayEquals(f.bytes(), Files.readAllBytes(p), f.path());
            assertEquals(f.mode(), FileModes.fromPermissions(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)), f.path());
            boolean sameInode = inodes.get(f.path()).equals(Files.getAttribute(p, "unix:ino"));
            assertEquals(!changed.contains(f.path()), sameInode, f.path() + (sameInode ? " kept" : " replaced"));
        }
        assertEquals(changed.size(), fileSyncs.size(), "only changed files are written");
        assertNoTempFilesLeft();
    }

    @Test
    void rejectsDotDotAndWritesNothingOutsideTheRoot() throws Exception {
        Path inner = Files.createDirectory(root.resolve("ws"));
        for (String bad : List.of("/etc/../../escaped", "/../escaped", "/etc/./x", "/etc//x", "/etc/sam/")) {
            PlanApplyException e = assertThrows(PlanApplyException.class,
                    () -> chowning().write(inner, file(bad, "x", 0644)), bad);
            assertEquals(Reason.INVALID_REQUEST, e.reason(), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        assertFalse(Files.exists(root.resolve("escaped")));
        assertThrows(IllegalArgumentException.class, () -> file("relative/x", "x", 0644));
    }

    @Test
    void rejectsASymlinkedParentAndLeavesItsTargetAlone() throws Exception {
        Path outside = Files.createDirectory(root.resolve("outside"));
        Path ws = Files.createDirectory(root.resolve("ws"));
        Files.createSymbolicLink(ws.resolve("etc"), outside);
        PlanApplyException e = assertThrows(PlanApplyException.class,
                () -> chowning().write(ws, file("/etc/sam/env", "GH_TOKEN=x\n", 0640)));
        assertEquals("/etc/sam/env", e.path());
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void readBackMismatchOfBytesIsAnErrorNamingThePath() {
        PlanApplier lossy = new PlanApplier(PlanApplier.Ownership.CHOWN,
                p -> Files.write(p, "truncated".getBytes(StandardCharsets.UTF_8)));
        PlanApplyException e = assertThrows(PlanApplyException.class,
                () -> lossy.write(root, file("/etc/sam/env", "GH_TOKEN=ghs_full\n", 0640)));
        assertEquals("/etc/sam/env", e.path());
        assertEquals(Reason.PROVISIONING_FAILED, e.reason());
        assertTrue(e.getMessage().contains("differ"), e.getMessage());
    }

    @Test
    void readBackMismatchOfModeIsAnError() {
        PlanApplier loose = new PlanApplier(PlanApplier.Ownership.CHOWN,
                p -> Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--")));
        PlanApplyException e = assertThrows(PlanApplyException.class,
                () -> loose.write(root, file("/etc/sam/env", "GH_TOKEN=x\n", 0640)));
        assertTrue(e.getMessage().contains("mode 644"), e.getMessage());
    }

    @Test
    void withoutRootAnOwnerOtherThanTheCurrentUserIsRefusedBeforeAnythingIsWritten() throws Exception {
        PlanApplier unprivileged = new PlanApplier(PlanApplier.Ownership.REQUIRE_CURRENT, p -> { });
        BootstrapPlan foreign = BootstrapRenderer.render(Workspaces.withValue("ghs_x", UID, GID));
        PlanApplyException e = assertThrows(PlanApplyException.class, () -> unprivileged.apply(root, foreign));
        assertTrue(e.getMessage().contains("not running as root"), e.getMessage());
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(0, s.count());
        }
        int uid = ProcessIdentity.uid();
        int gid = ProcessIdentity.gid();
        Path written = unprivileged.write(root, new PlannedFile("/etc/sam/env", new byte[] {'A', '=', '1', '\n'}, 0600, uid, gid));
        assertEquals("A=1\n", Files.readString(written));
    }

    @Test
    void concurrentReaderSeesOnlyWholeOldOrWholeNewContent() throws Exception {
        byte[] a = "GH_TOKEN=ghs_aaaa\n".repeat(4000).getBytes(StandardCharsets.UTF_8);
        byte[] b = "GH_TOKEN=ghs_bbbbbbbb\n".repeat(6000).getBytes(StandardCharsets.UTF_8);
        PlanApplier applier = chowning();
        Path target = applier.write(root, new PlannedFile("/etc/sam/env", a, 0640, 0, 0));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    byte[] seen = Files.readAllBytes(target);
                    reads.incrementAndGet();
                    if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
                        torn.compareAndSet(null, "read " + seen.length + " bytes matching neither content");
                    }
                } catch (Exception e) {
                    torn.compareAndSet(null, "read failed: " + e);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 300; i++) {
            applier.write(root, new PlannedFile("/etc/sam/env", i % 2 == 0 ? b : a, 0640, 0, 0));
        }
        done.set(true);
        reader.join();
        assertEquals(null, torn.get());
        assertTrue(reads.get() > 0, "the reader ran");
        assertNoTempFilesLeft();
    }

    private static PlanApplier chowning() {
        return new PlanApplier(PlanApplier.Ownership.CHOWN, p -> { });
    }

    private static PlannedFile file(String path, String content, int mode) {
        return new PlannedFile(path, content.getBytes(StandardCharsets.UTF_8), mode, 0, 0);
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private void assertNoTempFilesLeft() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }
}
