package dev.sam.contract.pty;

import java.util.List;
import java.util.Map;

/** Shells a terminal session may run, by name, each with its exact command line inside the workspace. */
public final class PtyShells {
    public static final String BASH = "bash";
    /** Interactive non-login bash: reads {@code /etc/bash.bashrc} but not {@code /etc/profile}. */
    public static final String BASH_INTERACTIVE = "bash-i";
    public static final String ZSH = "zsh";
    public static final String FISH = "fish";
    public static final String SH = "sh";
    public static final String DEFAULT = BASH;

    /** Name to argv. {@code sh} is the image's {@code /bin/sh} (dash on Debian). */
    public static final Map<String, List<String>> COMMANDS = Map.of(
            BASH, List.of("/bin/bash", "-l"),
            BASH_INTERACTIVE, List.of("/bin/bash", "-i"),
            ZSH, List.of("/bin/zsh", "-l"),
            FISH, List.of("/usr/bin/fish", "-l"),
            SH, List.of("/bin/sh", "-l"));

    private PtyShells() {
    }
}
