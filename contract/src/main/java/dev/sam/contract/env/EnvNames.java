package dev.sam.contract.env;

import java.util.List;

/** The environment variable names that SAM puts into every workspace process. The only place they are spelled. */
public final class EnvNames {
    public static final String GH_TOKEN = "GH_TOKEN";
    public static final String SAM_API_URL = "SAM_API_URL";
    public static final String SAM_BRANCH = "SAM_BRANCH";
    public static final String SAM_NODE_ID = "SAM_NODE_ID";
    public static final String SAM_REPOSITORY = "SAM_REPOSITORY";
    public static final String SAM_WORKSPACE_ID = "SAM_WORKSPACE_ID";
    public static final String SAM_WORKSPACE_URL = "SAM_WORKSPACE_URL";

    /** Every name above, in the order files list them. */
    public static final List<String> ALL = List.of(
            GH_TOKEN, SAM_API_URL, SAM_BRANCH, SAM_NODE_ID, SAM_REPOSITORY, SAM_WORKSPACE_ID, SAM_WORKSPACE_URL);

    private EnvNames() {
    }
}
