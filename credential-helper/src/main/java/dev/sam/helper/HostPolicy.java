package dev.sam.helper;

import dev.sam.contract.credential.CredentialMessage;
import dev.sam.contract.workspace.HelperConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which requests the helper answers: {@code protocol=https} and a {@code host} equal to
 * {@code github.com} or a configured Enterprise host. git's {@code host} field carries the port
 * when the URL has one, so {@code github.com:8443} is a different host from {@code github.com};
 * the name compares case-insensitively, the port exactly, never by prefix or suffix.
 */
public final class HostPolicy {
    private static final String HTTPS = "https";

    private final List<String> hosts;

    private HostPolicy(List<String> hosts) {
        this.hosts = hosts;
    }

    /** {@code github.com} plus {@code extraHosts}. */
    public static HostPolicy of(List<String> extraHosts) {
        List<String> all = new ArrayList<>();
        all.add(HelperConfigKeys.GITHUB_HOST);
        for (String h : extraHosts) {
            all.add(h.toLowerCase(Locale.ROOT));
        }
        return new HostPolicy(all);
    }

    public List<String> hosts() {
        return List.copyOf(hosts);
    }

    public boolean allows(CredentialMessage request) {
        String protocol = request.protocol().orElse("");
        String host = request.host().orElse("");
        if (!HTTPS.equals(protocol) || host.isEmpty()) {
            return false;
        }
        // Lower-casing the whole field is safe: a port is digits, so only the name changes.
        return hosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
