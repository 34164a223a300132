package dev.sam.agent.session;

import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.agent.workspace.WorkspaceStore;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionCloseCodes;

/** Everything checked before a session's process may start: the session token, then the workspace's state. */
public final class SessionGate {
    private final SessionTokenVerifier tokens;
    private final WorkspaceStore store;

    public SessionGate(SessionTokenVerifier tokens, WorkspaceStore store) {
        this.tokens = tokens;
        this.store = store;
    }

    public void admit(String authorization, String workspaceId) throws SessionRefusedException {
        tokens.verify(authorization, workspaceId);
        WorkspaceRecord record = store.get(workspaceId).orElseThrow(() -> new SessionRefusedException(Reason.WORKSPACE_NOT_FOUND,
                SessionCloseCodes.POLICY_VIOLATION, "this node has no workspace " + workspaceId));
        if (!record.ready()) {
            throw new SessionRefusedException(Reason.WORKSPACE_NOT_READY, SessionCloseCodes.TRY_AGAIN_LATER,
                    "workspace " + workspaceId + " is " + record.state());
        }
    }
}
