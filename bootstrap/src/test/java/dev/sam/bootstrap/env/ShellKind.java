package dev.sam.bootstrap.env;

import dev.sam.contract.workspace.WorkspacePaths;
import java.util.ArrayList;
import java.util.List;

/** The ways a workspace process can start a shell, each reaching SAM's values by its own route. */
enum ShellKind {
    /** What /etc/profile does for every POSIX login shell: source the stub, which sources the live script. */
    DASH_SOURCING("/usr/bin/dash", "-c", ". " + WorkspacePaths.PROFILE_STUB + "; "),
    DASH_LOGIN("/usr/bin/dash", "-l", "-c", ""),
    BASH_LOGIN("/bin/bash", "-l", "-c", ""),
    /** Through /etc/bash.bashrc and SAM's bash hook; no profile involved. */
    BASH_INTERACTIVE("/bin/bash", "-i", "-c", ""),
    /** Through /etc/zsh/zshenv. */
    ZSH_LOGIN("/usr/bin/zsh", "-l", "-c", ""),
    ZSH_INTERACTIVE("/usr/bin/zsh", "-i", "-c", ""),
    ZSH_SCRIPT("/usr/bin/zsh", "-c", ""),
    /** Through /etc/fish/conf.d/sam-env.fish and SAM's fish hook. */
    FISH("/usr/bin/fish", "-c", ""),
    FISH_LOGIN("/usr/bin/fish", "-l", "-c", "");

    private final String[] argv;
    private final String prefix;

    ShellKind(String... argvAndPrefix) {
        this.argv = java.util.Arrays.copyOf(argvAndPrefix, argvAndPrefix.length - 1);
        this.prefix = argvAndPrefix[argvAndPrefix.length - 1];
    }

    /** argv running {@code command}, which must be valid in both POSIX sh and fish. */
    List<String> command(String command) {
        List<String> cmd = new ArrayList<>(List.of(argv));
        cmd.add(prefix + command);
        return cmd;
    }

    /** Interactive bash without a terminal says so on stderr; the others must stay silent. */
    boolean silentByItself() {
        return this != BASH_INTERACTIVE;
    }
}
