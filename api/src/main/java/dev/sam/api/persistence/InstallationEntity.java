package dev.sam.api.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A GitHub App installation SAM may mint tokens for. The primary key is GitHub's installation id. */
@Entity
@Table(name = "installation")
public class InstallationEntity {
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    public static final String REMOVED = "removed";

    @Id
    @Column(name = "github_installation_id")
    public long githubInstallationId;

    @Column(nullable = false)
    public String account;

    @Column(nullable = false)
    public String state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
