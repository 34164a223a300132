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
 * SAM's git config ({@code /etc/sam/gitconfig}): binds {@code git-credential-sam} to exactly
 * {@code https://github.com} and each configured GitHub Enterprise host, nothing else. For each
 * URL an empty {@code helper} first resets helpers configured before it (an image's system file
 * included above), then {@code sam}. {@code useHttpPath} is on so the helper can pass the
 * repository path to the agent, as the agent's {@code /git-credential} expects. No secret here.
 *
 * <p>The system config ({@code /etc/gitconfig}) is a {@link #stub()} that includes the image's
 * own file, then SAM's. The hosts come from the agent's configuration and may differ after a
 * restart; the stub's bytes never change, so a runtime may bind it alone while SAM's file stays
 * live in the {@code /etc/sam} directory.
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

    /** The content of {@code /etc/sam/gitconfig}. */
    public static List<GitConfigEntry> entries(List<String> hosts) {
        List<GitConfigEntry> entries = new ArrayList<>();
        for (String host : hosts) {
            String url = "https://" + host;
            entries.add(new GitConfigEntry("credential", url, "helper", ""));
            entries.add(new GitConfigEntry("credential", url, "helper", HELPER_NAME));
            entries.add(new GitConfigEntry("credential", url, "useHttpPath", "true"));
        }
        return entries;
    }

    public static byte[] render(List<GitConfigEntry> entries) {
        return ("# " + WorkspacePaths.SAM_GITCONFIG + ": written by SAM, included by " + WorkspacePaths.SYSTEM_GITCONFIG
                + ". No credential is stored here.\n" + GitConfigWriter.write(entries)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code /etc/gitconfig}, the same for every workspace: the image's own config first, then SAM's. */
    public static byte[] stub() {
        List<GitConfigEntry> includes = List.of(
                new GitConfigEntry("include", null, "path", HookPaths.HOST_GITCONFIG),
                new GitConfigEntry("include", null, "path", WorkspacePaths.SAM_GITCONFIG));
        return ("# " + WorkspacePaths.SYSTEM_GITCONFIG + ": written by SAM, never changes. The image's own system config, if\n"
                + "# the runtime kept it, is included first, then SAM's (git ignores a missing include).\n"
                + GitConfigWriter.write(includes)).getBytes(StandardCharsets.UTF_8);
    }
}
