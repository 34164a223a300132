package dev.sam.api.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import dev.sam.api.auth.CallbackTokens;
import dev.sam.api.persistence.NodeEntity;
import dev.sam.contract.api.CallbackTokenClaims;
import dev.sam.contract.api.CreateNodeRequest;
import dev.sam.contract.api.NodeCreatedResponse;
import dev.sam.contract.api.NodeView;
import dev.sam.contract.error.Reason;

/** Nodes: registration (which hands out the node's callback token), listing and heartbeats. */
@ApplicationScoped
public class NodeService {
    @Inject
    Session session;

    @Inject
    CallbackTokens tokens;

    @Transactional
    public NodeCreatedResponse register(CreateNodeRequest request) {
        InputRules.required(request, "body");
        NodeEntity node = new NodeEntity();
        node.id = Ids.next("node");
        node.name = InputRules.name(request.name());
        node.agentUrl = InputRules.agentUrl(request.agentUrl());
        node.status = NodeEntity.REGISTERED;
        node.createdAt = Instant.now();
        session.persist(node);
        return new NodeCreatedResponse(view(node), tokens.issue(CallbackTokenClaims.TYPE_NODE, node.id));
    }

    @Transactional
    public List<NodeView> list() {
        return session.createSelectionQuery("from NodeEntity order by createdAt", NodeEntity.class).getResultList()
                .stream().map(NodeService::view).toList();
    }

    @Transactional
    public NodeView require(String nodeId) {
        NodeEntity node = session.find(NodeEntity.class, nodeId);
        if (node == null) {
            throw new ApiException(404, Reason.NODE_NOT_FOUND, "no such node");
        }
        return view(node);
    }

    @Transactional
    public NodeView heartbeat(String nodeId) {
        NodeEntity node = session.find(NodeEntity.class, nodeId);
        if (node == null) {
            throw new ApiException(404, Reason.NODE_NOT_FOUND, "no such node");
        }
        node.lastHeartbeat = Instant.now();
        node.status = NodeEntity.ONLINE;
        return view(node);
    }

    static NodeView view(NodeEntity n) {
        return new NodeView(n.id, n.name, n.status, n.agentUrl, n.lastHeartbeat, n.createdAt);
    }
}
