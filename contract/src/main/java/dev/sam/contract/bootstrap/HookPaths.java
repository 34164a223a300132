package dev.sam.contract.bootstrap;

/**
 * Paths of the shell hooks that bring {@code GH_TOKEN} to shells that never read
 * {@code /etc/profile.d}. Each hook only sources {@code WorkspacePaths.PROFILE_SCRIPT}.
 *
 * <p>Files outside {@code /etc/sam} ({@link #BASH_BASHRC}, {@link #ZSH_ZSHENV}, {@link #FISH_CONF})
 * have bytes that depend on no workspace value: a runtime may bind them as single files, which a
 * running sandbox never sees replaced. Whatever varies lives under {@code /etc/sam}.
 *
 * <p>{@link #BASH_BASHRC} and {@link #ZSH_ZSHENV} replace the image's files; a runtime that
 * wants the image's own content kept places it, read-only, at {@link #HOST_BASH_BASHRC} and
 * {@link #HOST_ZSH_ZSHENV}, which SAM's versions source first when present.
 */
public final class HookPaths {
    /** Debian's bash reads it for every interactive shell, login or not. */
    public static final String BASH_BASHRC = "/etc/bash.bashrc";
    /** SAM's bash snippet, sourced by {@link #BASH_BASHRC}. */
    public static final String SAM_BASH_HOOK = "/etc/sam/hooks/bash.bashrc";
    /** Debian's zsh reads it first for every zsh: login, interactive and scripts. */
    public static final String ZSH_ZSHENV = "/etc/zsh/zshenv";
    /** fish sources every file in its directory at start-up, interactive or not; this one only sources {@link #SAM_FISH_HOOK}. */
    public static final String FISH_CONF = "/etc/fish/conf.d/sam-env.fish";
    /** SAM's fish snippet (it names the workspace's variables, so it varies), sourced by {@link #FISH_CONF}. */
    public static final String SAM_FISH_HOOK = "/etc/sam/hooks/sam-env.fish";

    /** Where a runtime may mount the image's original {@code /etc/bash.bashrc}. */
    public static final String HOST_BASH_BASHRC = "/etc/sam/hooks/host/bash.bashrc";
    /** Where a runtime may mount the image's original {@code /etc/zsh/zshenv}. */
    public static final String HOST_ZSH_ZSHENV = "/etc/sam/hooks/host/zshenv";
    /** Where a runtime may mount the image's original system git config; included first. */
    public static final String HOST_GITCONFIG = "/etc/sam/hooks/host/gitconfig";

    private HookPaths() {
    }
}
