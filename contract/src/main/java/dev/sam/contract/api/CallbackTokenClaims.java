package dev.sam.contract.api;

/** Claim names and values of callback tokens, shared by the API that signs them and anyone who inspects them. */
public final class CallbackTokenClaims {
    /** Claim naming what the subject is: {@link #TYPE_WORKSPACE} or {@link #TYPE_NODE}. */
    public static final String TYPE = "typ_sam";
    public static final String TYPE_WORKSPACE = "workspace";
    public static final String TYPE_NODE = "node";
    /** Audience of the short-lived tokens the API sends to a node's agent. */
    public static final String AUDIENCE_NODE_AGENT = "node-agent";

    private CallbackTokenClaims() {
    }
}
