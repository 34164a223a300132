package dev.sam.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answer in GitHub's shape: status, {@code message}, {@code documentation_url}, extra headers. */
final class GitHubError extends RuntimeException {
    static final String DOCS_CREATE_TOKEN =
            "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";
    static final String DOCS_GET_INSTALLATION =
            "https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app";
    static final String DOCS_LIST_REPOS =
            "https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation";
    static final String DOCS_REST = "https://docs.github.com/rest";
    static final String DOCS_SECONDARY_RATE_LIMIT =
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
    static final String DOCS_PRIMARY_RATE_LIMIT =
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

    private final int status;
    private final String documentationUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    GitHubError(int status, String message, String documentationUrl) {
        super(message, null, false, false);
        this.status = status;
        this.documentationUrl = documentationUrl;
    }

    GitHubError withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String documentationUrl() {
        return documentationUrl;
    }

    Map<String, String> headers() {
        return headers;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", getMessage());
        body.put("documentation_url", documentationUrl);
        body.put("status", Integer.toString(status));
        return body;
    }
}
