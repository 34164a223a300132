package dev.sam.helper;

import java.util.Locale;

/**
 * The agent's base URL, parsed once. Only {@code http://host[:port][/base]}: the agent listens on
 * the node's loopback or bridge address, and a plain socket keeps the helper's start-up small.
 */
public record AgentEndpoint(String url, String host, int port, String basePath) {
    private static final String SCHEME = "http://";

    public static AgentEndpoint parse(String url) throws HelperConfigException {
        String u = url.trim();
        if (!u.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            throw new HelperConfigException("agent URL must start with http://");
        }
        String rest = u.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String base = slash < 0 ? "" : rest.substring(slash);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (authority.isEmpty() || authority.contains("@") || base.contains("?") || base.contains("#")) {
            throw new HelperConfigException("agent URL must be http://host[:port][/path] without user info or query");
        }
        String host = authority;
        int port = 80;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new HelperConfigException("agent URL has an invalid port");
            }
            if (port < 1 || port > 65535) {
                throw new HelperConfigException("agent URL has an invalid port");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new HelperConfigException("agent URL has no host");
        }
        return new AgentEndpoint(u, host, port, base);
    }

    /** The value of the HTTP {@code Host} header. */
    String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 80 ? h : h + ":" + port;
    }
}
