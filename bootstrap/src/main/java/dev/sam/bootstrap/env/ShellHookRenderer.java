package dev.sam.bootstrap.env;

import dev.sam.contract.bootstrap.HookPaths;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Hooks for shells that do not read {@code /etc/profile.d}. None of them quotes a value itself:
 * bash and zsh source the profile script, fish asks {@code /bin/sh} to source it and print the
 * result NUL-separated, which is byte-exact for any value.
 *
 * <p>The hooks source the live {@code /etc/sam/profile.sh} directly rather than the
 * {@code /etc/profile.d} stub: the stub exists only because {@code /etc/profile} looks there, and
 * a hook that skips it depends on one file fewer that a runtime must place. The files at the
 * image's paths ({@code /etc/bash.bashrc}, {@code /etc/zsh/zshenv}, fish's {@code conf.d} file)
 * take no argument: their bytes are the same for every workspace, so they can be bound alone.
 */
public final class ShellHookRenderer {
    private ShellHookRenderer() {
    }

    /** The whole {@code /etc/bash.bashrc}: the image's original first (if mounted), then SAM's hook. */
    public static byte[] bashBashrc() {
        return text("# " + HookPaths.BASH_BASHRC + ": written by SAM. The image's own file, if the runtime kept it, runs first.\n"
                + sourceIfReadable(HookPaths.HOST_BASH_BASHRC)
                + sourceIfReadable(HookPaths.SAM_BASH_HOOK));
    }

    /** SAM's bash snippet: interactive non-login bash gets the same values as a login shell. */
    public static byte[] bashHook() {
        return text("# " + HookPaths.SAM_BASH_HOOK + ": written by SAM, sourced by " + HookPaths.BASH_BASHRC + ".\n"
                + sourceIfReadable(WorkspacePaths.PROFILE_SCRIPT));
    }

    /** The whole {@code /etc/zsh/zshenv}: read by every zsh, so login, interactive and scripts. */
    public static byte[] zshenv() {
        String p = WorkspacePaths.PROFILE_SCRIPT;
        return text("# " + HookPaths.ZSH_ZSHENV + ": written by SAM. The image's own file, if the runtime kept it, runs first.\n"
                + sourceIfReadable(HookPaths.HOST_ZSH_ZSHENV)
                + "# sh emulation only while the profile script runs; the user's zsh options stay as they are.\n"
                + "if [ -r " + p + " ]; then emulate sh -c '. " + p + "'; fi\n");
    }

    /** {@code /etc/fish/conf.d/sam-env.fish}: sources SAM's fish hook, which names the workspace's variables. */
    public static byte[] fishConf() {
        String h = HookPaths.SAM_FISH_HOOK;
        return text("# " + HookPaths.FISH_CONF + ": written by SAM, never changes; the hook it sources does the work.\n"
                + "if test -r " + h + "\n"
                + "    source " + h + "\n"
                + "end\n");
    }

    /**
     * {@code /etc/sam/hooks/sam-env.fish}. {@code names} are the variables the profile script
     * may export; fish mirrors them: set when non-empty, erased when the script left them empty.
     */
    public static byte[] fishHook(List<String> names) {
        StringBuilder printf = new StringBuilder("printf \"%s\\0\"");
        for (String n : names) {
            printf.append(' ').append(n).append(" \"${").append(n).append("-}\"");
        }
        String p = WorkspacePaths.PROFILE_SCRIPT;
        return text("# " + HookPaths.SAM_FISH_HOOK + ": written by SAM, sourced by " + HookPaths.FISH_CONF + ".\n"
                + "# Values come from " + p + " through /bin/sh,\n"
                + "# NUL-separated, so no quoting is repeated here and newlines survive.\n"
                + "if test -r " + p + "\n"
                + "    set -l sam_kv (/bin/sh -c '. " + p + "; " + printf + "' 2>/dev/null | string split0)\n"
                + "    set -l sam_i 1\n"
                + "    while test $sam_i -lt (count $sam_kv)\n"
                + "        set -l sam_v $sam_kv[(math $sam_i + 1)]\n"
                + "        if test -n \"$sam_v\"\n"
                + "            set -gx $sam_kv[$sam_i] $sam_v\n"
                + "        else if set -q $sam_kv[$sam_i]\n"
                + "            set -e $sam_kv[$sam_i]\n"
                + "        end\n"
                + "        set sam_i (math $sam_i + 2)\n"
                + "    end\n"
                + "end\n");
    }

    private static String sourceIfReadable(String path) {
        return "if [ -r " + path + " ]; then . " + path + "; fi\n";
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
