package dev.sam.bootstrap.helper;

import dev.sam.bootstrap.BootstrapException;
import dev.sam.bootstrap.WorkspaceBootstrap;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.error.Reason;
import dev.sam.contract.workspace.HelperConfigKeys;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The credential helper's launcher, its config (no secret) and the workspace credential file. */
public final class HelperInstallRenderer {
    private HelperInstallRenderer() {
    }

    /** Execs the distribution the runtime mounts read-only; arguments pass through untouched. */
    public static byte[] launcher() {
        return ("#!/bin/sh\n# " + WorkspacePaths.HELPER_LAUNCHER + ": written by SAM.\n"
                + "exec " + WorkspacePaths.HELPER_HOME + "/bin/git-credential-sam \"$@\"\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code /etc/sam/git-credential-sam.conf} in the static env-file format. */
    public static byte[] config(WorkspaceBootstrap w, List<String> hosts) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(HelperConfigKeys.AGENT_URL, w.agentUrl());
        c.put(HelperConfigKeys.WORKSPACE_ID, w.workspaceId());
        c.put(HelperConfigKeys.CREDENTIAL_FILE, WorkspacePaths.WORKSPACE_CREDENTIAL);
        List<String> extra = hosts.stream().filter(h -> !h.equals(HelperConfigKeys.GITHUB_HOST)).toList();
        if (!extra.isEmpty()) {
            c.put(HelperConfigKeys.EXTRA_HOSTS, String.join(" ", extra));
        }
        return EnvFile.write(c);
    }

    /** The credential's bytes alone, no newline: it is a bearer, so only visible ASCII is accepted. */
    public static byte[] credential(WorkspaceBootstrap w) {
        String c = w.workspaceCredential();
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch <= 0x20 || ch >= 0x7f) {
                throw new BootstrapException(Reason.INVALID_REQUEST, "workspace credential must be visible ASCII");
            }
        }
        return c.getBytes(StandardCharsets.US_ASCII);
    }
}
