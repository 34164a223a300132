package dev.sam.api.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Field rules for operator and agent input. Every failure is a 400 {@code invalid_request} naming the field. */
public final class InputRules {
    // GitHub logins: 1-39 alphanumerics or single hyphens, not starting or ending with a hyphen.
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    // GitHub repository names: 1-100 of letters, digits, '.', '-', '_'; "." and ".." are reserved.
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern ID = Pattern.compile("[a-z]{2,4}-[a-z0-9]{8,40}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,127}");

    private InputRules() {
    }

    public static <T> T required(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw ApiException.invalid(field + " is required");
        }
        return value;
    }

    public static String repository(String value) {
        required(value, "repository");
        int slash = value.indexOf('/');
        if (slash < 0 || value.indexOf('/', slash + 1) >= 0) {
            throw ApiException.invalid("repository must be owner/name");
        }
        String owner = value.substring(0, slash);
        String name = value.substring(slash + 1);
        if (!OWNER.matcher(owner).matches()) {
            throw ApiException.invalid("repository owner must be a GitHub login (letters, digits, single hyphens, at most 39)");
        }
        if (!REPO.matcher(name).matches() || name.equals(".") || name.equals("..") || name.endsWith(".git")) {
            throw ApiException.invalid("repository name must be 1-100 letters, digits, '.', '-' or '_'");
        }
        return value;
    }

    public static String account(String value) {
        required(value, "account");
        if (!OWNER.matcher(value).matches()) {
            throw ApiException.invalid("account must be a GitHub login (letters, digits, single hyphens, at most 39)");
        }
        return value;
    }

    /** Git's ref-name rules (git check-ref-format --branch), which GitHub enforces too. */
    public static String branch(String value) {
        if (value == null) {
            return null;
        }
        boolean bad = value.isEmpty() || value.length() > 255 || value.startsWith("-") || value.startsWith("/")
                || value.endsWith("/") || value.endsWith(".") || value.endsWith(".lock") || value.contains("..")
                || value.contains("//") || value.contains("@{") || value.equals("@") || value.contains("/.")
                || value.startsWith(".");
        for (int i = 0; !bad && i < value.length(); i++) {
            char c = value.charAt(i);
            bad = c < 0x20 || c == 0x7f || c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' || c == '*'
                    || c == '[' || c == '\\';
        }
        if (bad) {
            throw ApiException.invalid("branch must be a valid git branch name");
        }
        return value;
    }

    public static long installationId(Long value) {
        required(value, "installationId");
        if (value <= 0) {
            throw ApiException.invalid("installationId must be a positive integer");
        }
        return value;
    }

    public static String id(String value, String field) {
        required(value, field);
        if (!ID.matcher(value).matches()) {
            throw ApiException.invalid(field + " is not a well-formed id");
        }
        return value;
    }

    public static boolean wellFormedId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static String name(String value) {
        required(value, "name");
        if (!NAME.matcher(value).matches()) {
            throw ApiException.invalid("name must be 1-128 letters, digits, spaces, '.', '-' or '_'");
        }
        return value;
    }

    /** An http(s) URL without credentials, query or fragment; null when absent. */
    public static String agentUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            boolean ok = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null && uri.getQuery() == null && uri.getFragment() == null;
            if (!ok || value.length() > 2048) {
                throw ApiException.invalid("agentUrl must be an http(s) URL without credentials, query or fragment");
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        } catch (URISyntaxException e) {
            throw ApiException.invalid("agentUrl must be an http(s) URL");
        }
    }
}
