package dev.sam.agent.credential;

/** Told when a workspace gets a new token, so its env files can be rewritten before anyone else sees it live. */
@FunctionalInterface
public interface TokenListener {
    void tokenChanged(String workspaceId, CachedToken token) throws Exception;
}
