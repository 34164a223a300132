package dev.sam.acptest;

import com.agentclientprotocol.sdk.agent.AcpAgent;
import com.agentclientprotocol.sdk.agent.AcpSyncAgent;
import com.agentclientprotocol.sdk.agent.transport.StdioAcpAgentTransport;
import com.agentclientprotocol.sdk.spec.AcpSchema;
import java.util.UUID;

/**
 * A minimal ACP agent over stdio (newline-delimited JSON-RPC): answers {@code initialize} and
 * {@code session/new}; on {@code session/prompt} sends one {@code agent_message_chunk} with
 * {@link EnvironmentReport} and ends the turn. Writes nothing else on stdout.
 */
public final class AcpTestAgentMain {
    private AcpTestAgentMain() {
    }

    public static void main(String[] args) {
        AcpSyncAgent agent = AcpAgent.sync(new StdioAcpAgentTransport())
                .initializeHandler(request -> AcpSchema.InitializeResponse.ok())
                .newSessionHandler(request -> new AcpSchema.NewSessionResponse("sess-" + UUID.randomUUID(), null, null))
                .promptHandler((request, context) -> {
                    context.sendMessage(EnvironmentReport.of(System.getenv()));
                    return AcpSchema.PromptResponse.endTurn();
                })
                .build();
        agent.run();
    }
}
