package dev.sam.bootstrap.git;

import dev.sam.bootstrap.BootstrapException;
import dev.sam.bootstrap.plan.GitConfigEntry;
import dev.sam.contract.bootstrap.HookPaths;
import dev.sam.contract.error.Reason;
import dev.sam.contract.workspace.HelperConfigKeys;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * System git config ({@code /etc/gitconfig}): binds {@code git-credential-sam} to exactly
 * {@code https://github.com} and each configured GitHub Enterprise host, nothing else. For each
 * URL an empty {@code helper} first resets helpers configured before it (an image's system file
 * included above), then {@code sam}. {@code useHttpPath} is on so the helper can pass the
 * repository path to the agent, as the agent's {@code /git-credential} expects. No secret here.
 */
public final class GitConfigRenderer {
    /** The helper's name as git spells it: {@code git credential-sam}. */
    public static final String HELPER_NAME = "sam";
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?");

    private GitConfigRenderer() {
    }

    /** github.com first, then the extra hosts in order, lower-cased, without duplicates. */
    public static List<String> hosts(List<String> extraHosts) {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(HelperConfigKeys.GITHUB_HOST);
        for (String h : extraHosts) {
            String host = h == null ? "" : h.trim().toLowerCase(Locale.ROOT);
            if (!HOST.matcher(host).matches()) {
                throw new BootstrapException(Reason.INVALID_REQUEST, "extra host is not a host name: '" + h + "'");
            }
            hosts.add(host);
        }
        return List.copyOf(hosts);
    }

    public static List<GitConfigEntry> entries(List<String> hosts) {
        List<GitConfigEntry> entries = new ArrayList<>();
        entries.add(new GitConfigEntry("include", null, "path", HookPaths.HOST_GITCONFIG));
        for (String host : hosts) {
            String url = "https://" + host;
            entries.add(new GitConfigEntry("credential", url, "helper", ""));
            entries.add(new GitConfigEntry("credential", url, "helper", HELPER_NAME));
            entries.add(new GitConfigEntry("credential", url, "useHttpPath", "true"));
        }
        return entries;
    }

    public static byte[] render(List<GitConfigEntry> entries) {
        return ("# " + WorkspacePaths.SYSTEM_GITCONFIG + ": written by SAM. The image's own system config, if the runtime\n"
                + "# kept it, is included first (git ignores a missing include). No credential is stored here.\n"
                + GitConfigWriter.write(entries)).getBytes(StandardCharsets.UTF_8);
    }
}
