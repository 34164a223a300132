package dev.sam.api.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.sam.api.auth.CallbackTokens;
import dev.sam.api.auth.CallerIdentity;
import dev.sam.api.persistence.InstallationEntity;
import dev.sam.api.persistence.NodeEntity;
import dev.sam.api.persistence.WorkspaceEntity;
import dev.sam.contract.api.CallbackTokenClaims;
import dev.sam.contract.api.CreateWorkspaceRequest;
import dev.sam.contract.api.ProvisioningFailedRequest;
import dev.sam.contract.api.WorkspaceCreatedResponse;
import dev.sam.contract.api.WorkspaceView;
import dev.sam.contract.error.Reason;
import dev.sam.contract.secret.Redactor;

/**
 * Workspaces and their lifecycle: {@code creating} moves to {@code ready} or {@code failed}; {@code ready} can still
 * fail; nothing moves backwards. Callers are the operator (create, list) and agents (ready, failed), the latter
 * authorised as the workspace itself or the node that hosts it.
 */
@ApplicationScoped
public class WorkspaceService {
    static final int MAX_MESSAGE = 512;

    @Inject
    Session session;

    @Inject
    CallbackTokens tokens;

    /** What the token path needs to know about a workspace, detached from the persistence context. */
    public record WorkspaceRef(String id, String nodeId, String repository, Long installationId) {
    }

    private static final int MAX_CACHED_REFS = 100_000;
    private final java.util.concurrent.ConcurrentHashMap<String, WorkspaceRef> refs = new java.util.concurrent.ConcurrentHashMap<>();

    @Transactional
    public WorkspaceCreatedResponse create(CreateWorkspaceRequest request) {
        InputRules.required(request, "body");
        String nodeId = InputRules.id(request.nodeId(), "nodeId");
        String repository = InputRules.repository(request.repository());
        String branch = InputRules.branch(request.branch());
        Long installationId = request.installationId() == null ? null : InputRules.installationId(request.installationId());
        if (session.find(NodeEntity.class, nodeId) == null) {
            throw new ApiException(404, Reason.NODE_NOT_FOUND, "nodeId names no registered node");
        }
        if (installationId != null && session.find(InstallationEntity.class, installationId) == null) {
            throw new ApiException(422, Reason.INSTALLATION_UNKNOWN, "installationId names no registered installation");
        }
        WorkspaceEntity ws = new WorkspaceEntity();
        ws.id = Ids.next("ws");
        ws.nodeId = nodeId;
        ws.repository = repository;
        ws.branch = branch;
        ws.installationId = installationId;
        ws.status = WorkspaceEntity.CREATING;
        ws.createdAt = Instant.now();
        ws.updatedAt = ws.createdAt;
        session.persist(ws);
        return new WorkspaceCreatedResponse(view(ws), tokens.issue(CallbackTokenClaims.TYPE_WORKSPACE, ws.id));
    }

    @Transactional
    public List<WorkspaceView> list() {
        return session.createSelectionQuery("from WorkspaceEntity order by createdAt", WorkspaceEntity.class)
                .getResultList().stream().map(WorkspaceService::view).toList();
    }

    @Transactional
    public WorkspaceView get(String id) {
        WorkspaceEntity ws = InputRules.wellFormedId(id) ? session.find(WorkspaceEntity.class, id) : null;
        if (ws == null) {
            throw notFound();
        }
        return view(ws);
    }

    @Transactional
    public String agentUrlOfNode(String nodeId) {
        NodeEntity node = session.find(NodeEntity.class, nodeId);
        return node == null ? null : node.agentUrl;
    }

    /**
     * The workspace a callback is about, after checking the caller may speak for it. A workspace token for another
     * workspace is refused before any lookup, so it learns nothing about other ids.
     */
    public WorkspaceRef authorize(CallerIdentity caller, String workspaceId) {
        if (!caller.isNodeToken() && !caller.isWorkspace(workspaceId)) {
            throw new ApiException(403, Reason.FORBIDDEN, "this token does not belong to this workspace");
        }
        WorkspaceRef ws = InputRules.wellFormedId(workspaceId) ? ref(workspaceId) : null;
        if (ws == null) {
            throw notFound();
        }
        if (caller.isNodeToken() && !caller.isNode(ws.nodeId())) {
            throw new ApiException(403, Reason.FORBIDDEN, "this node does not host this workspace");
        }
        return ws;
    }

    /**
     * A workspace's node, repository and installation never change after creation, and workspaces are never deleted,
     * so they are kept in memory once read: the git-token path then needs no database round trip.
     */
    private WorkspaceRef ref(String workspaceId) {
        WorkspaceRef cached = refs.get(workspaceId);
        if (cached != null) {
            return cached;
        }
        WorkspaceRef loaded = QuarkusTransaction.joiningExisting().call(() -> {
            WorkspaceEntity ws = session.find(WorkspaceEntity.class, workspaceId);
            return ws == null ? null : new WorkspaceRef(ws.id, ws.nodeId, ws.repository, ws.installationId);
        });
        if (loaded != null) {
            if (refs.size() >= MAX_CACHED_REFS) {
                refs.clear(); // crude bound; a re-read costs one query
            }
            refs.put(workspaceId, loaded);
        }
        return loaded;
    }

    @Transactional
    public WorkspaceView markReady(CallerIdentity caller, String workspaceId) {
        authorize(caller, workspaceId);
        WorkspaceEntity ws = session.find(WorkspaceEntity.class, workspaceId);
        if (!WorkspaceEntity.CREATING.equals(ws.status) && !WorkspaceEntity.READY.equals(ws.status)) {
            throw new ApiException(409, Reason.CONFLICT, "a " + ws.status + " workspace cannot become ready");
        }
        ws.status = WorkspaceEntity.READY;
        ws.updatedAt = Instant.now();
        return view(ws);
    }

    @Transactional
    public WorkspaceView markFailed(CallerIdentity caller, String workspaceId, ProvisioningFailedRequest request) {
        authorize(caller, workspaceId);
        InputRules.required(request, "body");
        Reason reason = Reason.fromCode(InputRules.required(request.reason(), "reason"))
                .orElseThrow(() -> ApiException.invalid("reason must be a known reason code"));
        return fail(workspaceId, reason, request.message());
    }

    /** Used by the provisioning dispatcher when the agent cannot take the workspace. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public WorkspaceView fail(String workspaceId, Reason reason, String message) {
        WorkspaceEntity ws = session.find(WorkspaceEntity.class, workspaceId);
        if (ws == null) {
            throw notFound();
        }
        if (WorkspaceEntity.STOPPED.equals(ws.status)) {
            throw new ApiException(409, Reason.CONFLICT, "a stopped workspace cannot fail");
        }
        ws.status = WorkspaceEntity.FAILED;
        ws.failureReason = reason.code();
        String text = message == null ? reason.code() : Redactor.redact(message);
        ws.failureMessage = text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text;
        ws.updatedAt = Instant.now();
        return view(ws);
    }

    private static ApiException notFound() {
        return new ApiException(404, Reason.WORKSPACE_NOT_FOUND, "no such workspace");
    }

    static WorkspaceView view(WorkspaceEntity w) {
        return new WorkspaceView(w.id, w.nodeId, w.repository, w.branch, w.installationId, w.status, w.failureReason,
                w.failureMessage, w.createdAt);
    }
}
