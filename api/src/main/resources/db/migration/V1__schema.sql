-- Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE TABLE installation (
    github_installation_id BIGINT PRIMARY KEY,
    account VARCHAR(64) NOT NULL,
    state VARCHAR(16) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE node (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(128) NOT NULL,
    status VARCHAR(16) NOT NULL,
    agent_url VARCHAR(2048),
    last_heartbeat TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE workspace (
    id VARCHAR(64) PRIMARY KEY,
    node_id VARCHAR(64) NOT NULL REFERENCES node (id),
    repository VARCHAR(160) NOT NULL,
    branch VARCHAR(255),
    installation_id BIGINT REFERENCES installation (github_installation_id),
    status VARCHAR(16) NOT NULL,
    failure_reason VARCHAR(64),
    failure_message VARCHAR(512),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX workspace_node_idx ON workspace (node_id);
