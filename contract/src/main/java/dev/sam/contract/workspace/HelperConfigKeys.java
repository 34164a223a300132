package dev.sam.contract.workspace;

/**
 * Keys of the helper's config file ({@link WorkspacePaths#HELPER_CONFIG}), which uses the static
 * env-file format ({@code dev.sam.contract.env.EnvFile}).
 */
public final class HelperConfigKeys {
    /** Base URL of the VM agent, e.g. {@code http://127.0.0.1:9100}. */
    public static final String AGENT_URL = "SAM_AGENT_URL";
    /** The workspace id, for messages; the agent trusts only the credential. */
    public static final String WORKSPACE_ID = "SAM_WORKSPACE_ID";
    /** Path of the file holding the workspace credential. */
    public static final String CREDENTIAL_FILE = "SAM_CREDENTIAL_FILE";
    /** Space-separated hosts answered besides {@code github.com} (GitHub Enterprise). */
    public static final String EXTRA_HOSTS = "SAM_EXTRA_HOSTS";

    /** The host always served. */
    public static final String GITHUB_HOST = "github.com";

    private HelperConfigKeys() {
    }
}
