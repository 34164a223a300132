package dev.sam.contract.session;

/** Optional body of {@link SessionTokens#ADMIN_SESSION_TOKEN}: lifetime in seconds, 1 to 3600; null means the default. */
public record SessionTokenRequest(Integer ttlSeconds) {
}
