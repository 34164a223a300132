package dev.sam.helper;

/** What one credential request to the agent came to. */
public sealed interface AgentResult {
    /** A token; {@code expiryUtc} is Unix seconds or -1 when the agent gave none. */
    record Token(String password, long expiryUtc) implements AgentResult {
        /** Never prints the token. */
        @Override
        public String toString() {
            return "Token[expiryUtc=" + expiryUtc + "]";
        }
    }

    /** The agent answered 200 with an empty body: it serves no credential for this request. */
    record NoCredential() implements AgentResult {
    }

    /** The agent answered with an error; {@code reason} is a contract {@code Reason} code when it sent one. */
    record Refused(int status, String reason, String message) implements AgentResult {
    }

    /** The agent could not be reached or did not answer in time. */
    record Unreachable(String message) implements AgentResult {
    }
}
