package dev.sam.contract.workspace;

/** Absolute paths of SAM's files as a process inside a workspace sees them. */
public final class WorkspacePaths {
    /** Static env file, read without a shell (ACP sessions, hooks). */
    public static final String ENV_FILE = "/etc/sam/env";
    /** POSIX sh profile script for login shells. */
    public static final String PROFILE_SCRIPT = "/etc/profile.d/sam-env.sh";
    /** The credential helper's launcher; git finds it as {@code credential.helper=sam}. */
    public static final String HELPER_LAUNCHER = "/usr/local/bin/git-credential-sam";
    /** The helper's configuration: agent address, workspace id, credential file path. No secret. */
    public static final String HELPER_CONFIG = "/etc/sam/git-credential-sam.conf";
    /** The workspace's own credential for the agent: 0600, owned by the workspace user. */
    public static final String WORKSPACE_CREDENTIAL = "/etc/sam/workspace-credential";
    /**
     * Where the helper's distribution (launcher, jar, class-data archive, and a Java runtime for
     * images without one) is mounted read-only; {@link #HELPER_LAUNCHER} execs its
     * {@code bin/git-credential-sam}.
     */
    public static final String HELPER_HOME = "/opt/sam/credential-helper";
    /**
     * Where the VM agent shows a coding agent's host installation directory, read-only:
     * {@code ACP_AGENTS_HOME/<agent name>}.
     */
    public static final String ACP_AGENTS_HOME = "/opt/sam/acp-agents";
    /** System git config. */
    public static final String SYSTEM_GITCONFIG = "/etc/gitconfig";

    /** Environment variable that points the helper at another config file (tests, odd layouts). */
    public static final String HELPER_CONFIG_ENV = "SAM_HELPER_CONFIG";

    private WorkspacePaths() {
    }
}
