package dev.sam.bootstrap;

import dev.sam.bootstrap.env.EnvValues;
import dev.sam.bootstrap.env.ProfileScriptRenderer;
import dev.sam.bootstrap.env.ShellHookRenderer;
import dev.sam.bootstrap.gh.GhShimRenderer;
import dev.sam.bootstrap.git.GitConfigRenderer;
import dev.sam.bootstrap.helper.HelperInstallRenderer;
import dev.sam.bootstrap.plan.BootstrapPlan;
import dev.sam.bootstrap.plan.GitConfigEntry;
import dev.sam.bootstrap.plan.PlannedFile;
import dev.sam.contract.bootstrap.HookPaths;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.session.GhShimPaths;
import dev.sam.contract.workspace.WorkspacePaths;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a workspace's files as a plan. Pure: no I/O, same input gives the same bytes.
 *
 * <p>Owners and modes: files holding the token are root-owned, group = the workspace user's
 * group, 0640, so the workspace user's shells read them but cannot rewrite a script that root's
 * login shell also sources. The workspace credential is the user's own (0600). Everything else
 * is root's and world-readable, without secrets.
 *
 * <p>Live and static files: everything whose bytes depend on the input (token, values, hosts,
 * agent address) is under {@code /etc/sam}, which runtimes bind as a directory, so a process
 * already running in the workspace sees each rewrite. Files elsewhere (stubs in
 * {@code /etc/profile.d}, {@code /etc/bash.bashrc}, {@code /etc/zsh/zshenv}, fish's
 * {@code conf.d}, {@code /etc/gitconfig}, the launchers in {@code /usr/local/bin}) are the same
 * for every workspace, so binding them as single files, which keep their first inode in a running
 * sandbox, loses nothing.
 */
public final class BootstrapRenderer {
    public static final int ROOT = 0;
    public static final int SECRET_MODE = 0640;
    public static final int CREDENTIAL_MODE = 0600;
    public static final int PUBLIC_MODE = 0644;
    public static final int EXECUTABLE_MODE = 0755;

    private BootstrapRenderer() {
    }

    public static BootstrapPlan render(WorkspaceBootstrap w) {
        EnvValues values = EnvValues.of(w);
        List<String> hosts = GitConfigRenderer.hosts(w.extraHosts());
        List<GitConfigEntry> git = GitConfigRenderer.entries(hosts);
        int gid = w.workspaceGid();
        List<PlannedFile> files = new ArrayList<>();
        files.add(new PlannedFile(WorkspacePaths.ENV_FILE, EnvFile.write(values.all()), SECRET_MODE, ROOT, gid));
        // What a file sources comes before it, so no stub ever points at a file not yet written.
        files.add(new PlannedFile(WorkspacePaths.PROFILE_SCRIPT, ProfileScriptRenderer.render(values), SECRET_MODE, ROOT, gid));
        files.add(publicFile(WorkspacePaths.PROFILE_STUB, ProfileScriptRenderer.stub()));
        files.add(publicFile(HookPaths.SAM_BASH_HOOK, ShellHookRenderer.bashHook()));
        files.add(publicFile(HookPaths.BASH_BASHRC, ShellHookRenderer.bashBashrc()));
        files.add(publicFile(HookPaths.ZSH_ZSHENV, ShellHookRenderer.zshenv()));
        files.add(publicFile(HookPaths.SAM_FISH_HOOK, ShellHookRenderer.fishHook(values.exportedNames())));
        files.add(publicFile(HookPaths.FISH_CONF, ShellHookRenderer.fishConf()));
        files.add(new PlannedFile(WorkspacePaths.HELPER_LAUNCHER, HelperInstallRenderer.launcher(), EXECUTABLE_MODE, ROOT, ROOT));
        files.add(publicFile(WorkspacePaths.HELPER_CONFIG, HelperInstallRenderer.config(w, hosts)));
        files.add(new PlannedFile(WorkspacePaths.WORKSPACE_CREDENTIAL, HelperInstallRenderer.credential(w), CREDENTIAL_MODE,
                w.workspaceUid(), gid));
        files.add(publicFile(WorkspacePaths.SAM_GITCONFIG, GitConfigRenderer.render(git)));
        files.add(publicFile(WorkspacePaths.SYSTEM_GITCONFIG, GitConfigRenderer.stub()));
        files.add(new PlannedFile(GhShimPaths.SHIM, GhShimRenderer.render(), EXECUTABLE_MODE, ROOT, ROOT));
        return new BootstrapPlan(files, git);
    }

    private static PlannedFile publicFile(String path, byte[] bytes) {
        return new PlannedFile(path, bytes, PUBLIC_MODE, ROOT, ROOT);
    }
}
