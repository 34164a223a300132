package dev.sam.agent.config;

/** Which workspace runtime the agent drives. */
public enum RuntimeKind {
    bwrap,
    docker
}
