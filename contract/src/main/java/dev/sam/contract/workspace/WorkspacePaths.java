package dev.sam.contract.workspace;

/** Absolute paths of SAM's files as a process inside a workspace sees them. */
public final class WorkspacePaths {
    /** Static env file, read without a shell (ACP sessions, hooks). */
    public static final String ENV_FILE = "/etc/sam/env";
    /**
     * POSIX sh profile script holding the values ({@code GH_TOKEN} included), replaced on every token
     * refresh. It lives under {@code /etc/sam} because a runtime binds that directory as a whole, so a
     * process already running in the workspace sees each replacement; every shell hook sources it.
     */
    public static final String PROFILE_SCRIPT = "/etc/sam/profile.sh";
    /**
     * What {@code /etc/profile} finds: a stub whose bytes never change, it only sources
     * {@link #PROFILE_SCRIPT} when readable. A file bound alone keeps its old inode in a running
     * sandbox after an atomic rename, so nothing that changes may live outside {@code /etc/sam}.
     */
    public static final String PROFILE_STUB = "/etc/profile.d/sam-env.sh";
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
    /** System git config: a stub that never changes, it includes the image's own and then {@link #SAM_GITCONFIG}. */
    public static final String SYSTEM_GITCONFIG = "/etc/gitconfig";
    /** SAM's git config (the helper per host; the hosts come from the agent's configuration), live under {@code /etc/sam}. */
    public static final String SAM_GITCONFIG = "/etc/sam/gitconfig";

    /** Environment variable that points the helper at another config file (tests, odd layouts). */
    public static final String HELPER_CONFIG_ENV = "SAM_HELPER_CONFIG";

    private WorkspacePaths() {
    }
}
