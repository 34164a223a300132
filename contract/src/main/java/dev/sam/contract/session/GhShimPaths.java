package dev.sam.contract.session;

/**
 * The {@code gh} shim: a POSIX sh script ahead of the real {@code gh} on the workspace's PATH that
 * hands the real one a live {@code GH_TOKEN} (a process's environment cannot change after it starts,
 * so a terminal opened hours ago holds a dead token).
 */
public final class GhShimPaths {
    /** Where the shim is installed: {@code /usr/local/bin} precedes {@code /usr/bin} on Debian's PATH. */
    public static final String SHIM = "/usr/local/bin/gh";
    /** The image's real {@code gh}. */
    public static final String REAL_GH = "/usr/bin/gh";

    private GhShimPaths() {
    }
}
