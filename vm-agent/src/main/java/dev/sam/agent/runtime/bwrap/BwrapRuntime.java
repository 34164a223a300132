package dev.sam.agent.runtime.bwrap;

import dev.sam.agent.runtime.ProcessSpec;
import dev.sam.agent.runtime.WorkspaceRuntime;
import dev.sam.agent.workspace.AtomicFiles;
import dev.sam.agent.workspace.WorkspaceLayout;
import dev.sam.bootstrap.fs.PlanApplier;
import dev.sam.bootstrap.fs.PlanApplyException;
import dev.sam.bootstrap.fs.ProcessIdentity;
import dev.sam.bootstrap.plan.BootstrapPlan;
import dev.sam.bootstrap.plan.PlannedFile;
import dev.sam.contract.bootstrap.HookPaths;
import dev.sam.contract.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;

/**
 * Workspaces as bubblewrap sandboxes. Each workspace's own files live under its root on the host
 * ({@code /etc/sam}, home, work), the stubs and launchers that are the same for all once under the
 * node's root, and both are bound at their real paths over a read-only host view ({@link SandboxLayout}). When the agent runs as
 * root, bwrap is started through {@code setpriv} as the workspace uid, so the user namespace maps
 * that uid to itself: files the workspace user owns show as its own, host root's files show as
 * {@code nobody}, and the sandbox gets no privilege over the host.
 */
public final class BwrapRuntime implements WorkspaceRuntime {
    /**
     * Directories the agent owns on the host, bound read-only as a whole so atomic renames show through live.
     *
     * <p>Why this matters: a bind of a single file pins that file's inode when the sandbox starts. The agent
     * replaces files by rename, so a sandbox that is already running (an old terminal, a coding agent) would
     * keep the old bytes for good. Every file whose bytes change after provisioning (the token in
     * {@code /etc/sam/env} and {@code /etc/sam/profile.sh}, the helper config, SAM's git config, the fish
     * hook) is therefore under {@code /etc/sam}; bootstrap's renderer test holds that nothing elsewhere
     * depends on any input, which is also why those are kept once per node ({@link WorkspaceLayout#nodeRoot()}).
     * The files bound alone (see {@link #command}) and why that is safe:
     * <ul>
     * <li>{@code /etc/profile.d/sam-env.sh}, {@code /etc/bash.bashrc}, {@code /etc/zsh/zshenv},
     *     {@code /etc/fish/conf.d/sam-env.fish}: fixed stubs that only source files under {@code /etc/sam};
     * <li>{@code /etc/gitconfig}: a fixed stub that includes the image's own config, then {@code /etc/sam/gitconfig};
     * <li>{@code /usr/local/bin/git-credential-sam} and {@code /usr/local/bin/gh}: fixed launchers; what they
     *     run is in the helper distribution (a directory bind) or the image;
     * <li>the image's own {@code bash.bashrc}, {@code zshenv}, {@code gitconfig} at {@code /etc/sam/hooks/host/}:
     *     host files, static for the life of a sandbox like the rest of the host's {@code /etc}, which
     *     {@link SandboxLayout} binds entry by entry too.
     * </ul>
     * A new SAM version that changes a stub's bytes reaches sandboxes started after the upgrade. A rewrite
     * with the same bytes leaves a file's inode alone (the applier skips it), so a sandbox starting
     * during a token refresh never binds a file that is being replaced.
     */
    private static final List<String> DIRECTORY_MOUNTS = List.of("/etc/sam");
    /** The image's own files that SAM's hooks replace, kept reachable where SAM's versions source them first. */
    private static final Map<String, String> HOST_ORIGINALS = Map.of(
            HookPaths.HOST_BASH_BASHRC, HookPaths.BASH_BASHRC,
            HookPaths.HOST_ZSH_ZSHENV, HookPaths.ZSH_ZSHENV,
            HookPaths.HOST_GITCONFIG, WorkspacePaths.SYSTEM_GITCONFIG);

    private final WorkspaceLayout layout;
    private final String bwrap;
    private final int uid;
    private final int gid;
    private final String user;
    private final Path helperDist;
    private final boolean agentIsRoot;
    private final HostTree host;
    private final Executor io;
    private final Object nodeFilesLock = new Object();
    /** What {@link #ensureNodeFiles} last wrote; empty until the first plan after a start. */
    private volatile List<PlannedFile> nodeFilesWritten = List.of();

    public BwrapRuntime(WorkspaceLayout layout, String bwrap, int uid, int gid, String user, Path helperDist, HostTree host) {
        this(layout, bwrap, uid, gid, user, helperDist, host, Runnable::run);
    }

    /** {@code io} writes a plan's files side by side (see {@link PlanApplier#forCurrentUser(Executor)}). */
    public BwrapRuntime(WorkspaceLayout layout, String bwrap, int uid, int gid, String user, Path helperDist, HostTree host,
            Executor io) {
        this.io = io;
        this.layout = layout;
        this.bwrap = bwrap;
        this.uid = uid;
        this.gid = gid;
        this.user = user;
        this.helperDist = helperDist;
        this.host = host;
        this.agentIsRoot = currentUid() == 0;
    }

    @Override
    public void prepare(String workspaceId) throws IOException {
        Path dir = layout.workspaceDir(workspaceId);
        Path root = layout.root(workspaceId);
        for (Path p : List.of(dir, root, root.resolve("etc/sam"))) {
            Files.createDirectories(p);
            Files.setPosixFilePermissions(p, AtomicFiles.permissions(0755));
        }
        // The workspace dir is searchable, not listable: the unprivileged launcher must reach its root.
        Files.setPosixFilePermissions(dir, AtomicFiles.permissions(0711));
        // Mount points for the image's own hook files inside the read-only /etc/sam bind (see hostOriginals).
        for (String hook : HOST_ORIGINALS.keySet()) {
            Path placeholder = layout.hostPath(workspaceId, hook);
            Files.createDirectories(placeholder.getParent());
            if (!Files.exists(placeholder)) {
                // Empty and never replaced: a plain create is enough (no fsync on the provisioning path).
                Files.write(placeholder, new byte[0]);
                Files.setPosixFilePermissions(placeholder, AtomicFiles.permissions(0644));
            }
        }
        for (String own : List.of(WorkspaceLayout.HOME_DIR, WorkspaceLayout.WORK_DIR)) {
            Path p = root.resolve(own);
            Files.createDirectories(p);
            Files.setPosixFilePermissions(p, AtomicFiles.permissions(0755));
            ownAsWorkspaceUser(p);
        }
    }

    /**
     * Writes the workspace's own files (those under {@code DIRECTORY_MOUNTS}) into its root, and the
     * rest, which bootstrap renders byte for byte the same for every workspace, once into the node's
     * root, which every sandbox binds. Provisioning a workspace thus creates only its own files: on
     * a node taking 50 workspaces at once that halves the files and directories made, which is where
     * much of the time went (the file system's inode allocation, measured with perf).
     */
    @Override
    public void writePlan(String workspaceId, BootstrapPlan plan) throws IOException {
        ensureNodeFiles(applied(plan, false));
        apply(layout.root(workspaceId), applied(plan, true), "workspace " + workspaceId);
    }

    /** The node's part of any workspace's plan, written when the agent starts so the first workspaces find it in place. */
    @Override
    public void writeNodeFiles(BootstrapPlan plan) throws IOException {
        ensureNodeFiles(applied(plan, false));
    }

    /** True once the node's files are all in place (their renames done), by the start-up write or a first provisioning. */
    public boolean nodeFilesInPlace() {
        return !nodeFilesWritten.isEmpty();
    }

    /** The plan's files that are the workspace's own ({@code own}) or the node's, with the owner they get here. */
    private List<PlannedFile> applied(BootstrapPlan plan, boolean own) {
        List<PlannedFile> files = new ArrayList<>();
        for (PlannedFile f : plan.files()) {
            if (isWorkspaceOwn(f.path()) == own) {
                files.add(agentIsRoot ? f
                        // Unprivileged: the user namespace maps the agent's own uid to the workspace user, so every
                        // file is the agent's; group-readable secrets stay readable by that same user.
                        : new PlannedFile(f.path(), f.bytes(), f.mode(), ProcessIdentity.uid(), ProcessIdentity.gid()));
            }
        }
        return files;
    }

    /** The node's fixed files, written when they differ from what this agent last wrote (at most once per version). */
    private void ensureNodeFiles(List<PlannedFile> files) throws IOException {
        if (samePlan(nodeFilesWritten, files)) {
            return;
        }
        synchronized (nodeFilesLock) {
            if (!samePlan(nodeFilesWritten, files)) {
                Path nodeRoot = layout.nodeRoot();
                Files.createDirectories(nodeRoot);
                // Reachable by the unprivileged launcher, as a workspace's directory is; its entries are public files.
                Files.setPosixFilePermissions(nodeRoot.getParent(), AtomicFiles.permissions(0711));
                Files.setPosixFilePermissions(nodeRoot, AtomicFiles.permissions(0755));
                apply(nodeRoot, files, "the node's files");
                nodeFilesWritten = List.copyOf(files);
            }
        }
    }

    private void apply(Path root, List<PlannedFile> files, String what) throws IOException {
        try {
            PlanApplier.forCurrentUser(io).apply(root, new BootstrapPlan(files, List.of()));
        } catch (PlanApplyException e) {
            throw new IOException("cannot write " + e.path() + " into " + what + ": " + e.getMessage(), e);
        }
    }

    private static boolean samePlan(List<PlannedFile> a, List<PlannedFile> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            PlannedFile x = a.get(i);
            PlannedFile y = b.get(i);
            if (!x.path().equals(y.path()) || x.mode() != y.mode() || x.uid() != y.uid() || x.gid() != y.gid()
                    || !Arrays.equals(x.bytes(), y.bytes())) {
                return false;
            }
        }
        return true;
    }

    /** A path the workspace has its own copy of (under a directory bound whole); every other planned file is the node's. */
    private static boolean isWorkspaceOwn(String insidePath) {
        return DIRECTORY_MOUNTS.stream().anyMatch(d -> insidePath.startsWith(d + "/"));
    }

    /** The host file behind a planned path: the workspace's own copy, or the node's. */
    private Path planned(String workspaceId, String insidePath) {
        if (isWorkspaceOwn(insidePath)) {
            return layout.hostPath(workspaceId, insidePath);
        }
        Path nodeRoot = layout.nodeRoot();
        Path resolved = nodeRoot.resolve(insidePath.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(nodeRoot) || resolved.equals(nodeRoot)) {
            throw new IllegalArgumentException("path escapes the node's root: " + insidePath);
        }
        return resolved;
    }

    @Override
    public byte[] readFile(String workspaceId, String insidePath) throws IOException {
        return Files.readAllBytes(planned(workspaceId, insidePath));
    }

    @Override
    public int fileMode(String workspaceId, String insidePath) throws IOException {
        return AtomicFiles.mode(planned(workspaceId, insidePath));
    }

    @Override
    public Process start(String workspaceId, ProcessSpec spec) throws IOException {
        if (spec.pty()) {
            throw new UnsupportedOperationException("PTY sessions need the PTY backend");
        }
        ProcessBuilder pb = new ProcessBuilder(command(workspaceId, spec));
        // The environment goes through the process environment: bwrap's --setenv would put values in argv.
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        return pb.start();
    }

    /**
     * The node's files, as paths inside the sandbox, sorted; none before the first plan is written.
     * Dot-names are the applier's temp files: one may vanish mid-walk when a new version is renamed in.
     */
    private static List<String> singleFiles(Path root) {
        List<String> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return isDotName(dir) && !dir.equals(root) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !isDotName(file)) {
                        found.add("/" + root.relativize(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // renamed away while listed
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the node's files under " + root, e);
        }
        found.sort(null);
        return found;
    }

    private static boolean isDotName(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    /** The full command line. Holds paths and names only, never a value from {@code spec.env()}. */
    @Override
    public List<String> command(String workspaceId, ProcessSpec spec) {
        Path root = layout.root(workspaceId);
        List<SandboxLayout.Mount> mounts = new ArrayList<>();
        for (String dir : DIRECTORY_MOUNTS) {
            mounts.add(new SandboxLayout.Mount(layout.hostPath(workspaceId, dir).toString(), dir, false));
        }
        // The node's files are bound alone: each has fixed bytes (see DIRECTORY_MOUNTS for the list and why).
        Path nodeRoot = layout.nodeRoot();
        for (String p : singleFiles(nodeRoot)) {
            mounts.add(new SandboxLayout.Mount(nodeRoot + p, p, false));
        }
        HOST_ORIGINALS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (Files.isRegularFile(Path.of(e.getValue()))) {
                mounts.add(new SandboxLayout.Mount(e.getValue(), e.getKey(), false));
            }
        });
        if (Files.isDirectory(helperDist)) {
            mounts.add(new SandboxLayout.Mount(helperDist.toString(), WorkspacePaths.HELPER_HOME, false));
        }
        spec.readOnlyMounts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> mounts.add(new SandboxLayout.Mount(e.getValue(), e.getKey(), false)));
        String home = "/home/" + user;
        mounts.add(new SandboxLayout.Mount(root.resolve(WorkspaceLayout.HOME_DIR).toString(), home, true));
        mounts.add(new SandboxLayout.Mount(root.resolve(WorkspaceLayout.WORK_DIR).toString(), WorkspaceLayout.WORKSPACE_MOUNT, true));

        List<String> cmd = new ArrayList<>();
        if (agentIsRoot) {
            cmd.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        }
        cmd.add(bwrap);
        cmd.addAll(List.of("--unshare-user", "--uid", Integer.toString(uid), "--gid", Integer.toString(gid),
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent"));
        if (!spec.pty()) {
            // A PTY session keeps its own pseudo-terminal as controlling terminal (job control, ^C); others get none.
            cmd.add("--new-session");
        }
        cmd.addAll(SandboxLayout.arguments(host, mounts, List.of(layout.dataDir().toString())));
        cmd.addAll(List.of("--chdir", spec.workDir() == null ? WorkspaceLayout.WORKSPACE_MOUNT : spec.workDir()));
        cmd.add("--");
        cmd.addAll(spec.argv());
        return cmd;
    }

    private void ownAsWorkspaceUser(Path p) throws IOException {
        if (agentIsRoot) {
            AtomicFiles.chown(p, OptionalInt.of(uid), OptionalInt.of(gid));
        }
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
