package dev.sam.agent.session;

import dev.sam.agent.controlplane.JwtException;
import dev.sam.agent.controlplane.JwtVerifier;
import dev.sam.agent.controlplane.VerifiedJwt;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionCloseCodes;
import dev.sam.contract.session.SessionTokens;

/**
 * Checks the bearer session token of a websocket upgrade: signed by the control plane (JWKS, cached,
 * refetched on an unknown kid), audience {@code workspace-session}, not expired, and issued for the
 * very workspace in the path. Missing or malformed is {@code unauthenticated}; another workspace's
 * is {@code forbidden}.
 */
public final class SessionTokenVerifier {
    private static final String BEARER = "Bearer ";
    private final JwtVerifier jwt;

    public SessionTokenVerifier(JwtVerifier jwt) {
        this.jwt = jwt;
    }

    public VerifiedJwt verify(String authorization, String workspaceId) throws SessionRefusedException {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            throw refused(Reason.UNAUTHENTICATED, "a bearer session token is required");
        }
        VerifiedJwt verified;
        try {
            verified = jwt.verify(authorization.substring(BEARER.length()).trim(), ApiPaths.AUDIENCE_SESSION);
        } catch (JwtException e) {
            throw refused(e.reason(), e.getMessage());
        }
        if (!verified.claim(SessionTokens.CLAIM_WORKSPACE_ID).map(workspaceId::equals).orElse(false)) {
            throw refused(Reason.FORBIDDEN, "the session token is for another workspace");
        }
        return verified;
    }

    private static SessionRefusedException refused(Reason reason, String message) {
        return new SessionRefusedException(reason, SessionCloseCodes.POLICY_VIOLATION, message);
    }
}
