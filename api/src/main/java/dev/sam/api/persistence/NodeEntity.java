package dev.sam.api.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A VM that runs an agent and hosts workspaces. */
@Entity
@Table(name = "node")
public class NodeEntity {
    public static final String REGISTERED = "registered";
    public static final String ONLINE = "online";

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String status;

    @Column(name = "agent_url")
    public String agentUrl;

    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
