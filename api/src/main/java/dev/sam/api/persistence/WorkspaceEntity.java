package dev.sam.api.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A workspace on a node, for one repository; without an installation it gets no git token. */
@Entity
@Table(name = "workspace")
public class WorkspaceEntity {
    public static final String CREATING = "creating";
    public static final String READY = "ready";
    public static final String FAILED = "failed";
    public static final String STOPPED = "stopped";

    @Id
    public String id;

    @Column(name = "node_id", nullable = false)
    public String nodeId;

    @Column(nullable = false)
    public String repository;

    public String branch;

    @Column(name = "installation_id")
    public Long installationId;

    @Column(nullable = false)
    public String status;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "failure_message")
    public String failureMessage;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
