package dev.sam.agent.acp;

import dev.sam.agent.runtime.ProcessSpec;
import dev.sam.agent.runtime.WorkspaceRuntime;
import dev.sam.agent.session.SessionRefusedException;
import dev.sam.contract.error.Reason;
import dev.sam.contract.session.SessionCloseCodes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The live coding-agent processes of this node: configured commands only, a limit per workspace. */
public final class AcpSessionManager implements AutoCloseable {
    private final WorkspaceRuntime runtime;
    private final Map<String, List<String>> agents;
    private final int limitPerWorkspace;
    private final Map<String, AcpSession> sessions = new ConcurrentHashMap<>();
    /** Slots reserved by starts in progress (guarded by this). */
    private final Map<String, Integer> starting = new HashMap<>();

    public AcpSessionManager(WorkspaceRuntime runtime, Map<String, List<String>> agents, int limitPerWorkspace) {
        this.runtime = runtime;
        this.agents = Map.copyOf(agents);
        this.limitPerWorkspace = limitPerWorkspace;
    }

    /** The command of a configured agent, or a refusal: checked before anything else starts. */
    public List<String> command(String agentName) throws SessionRefusedException {
        List<String> argv = agentName == null ? null : agents.get(agentName);
        if (argv == null || argv.isEmpty()) {
            throw new SessionRefusedException(Reason.INVALID_REQUEST, SessionCloseCodes.POLICY_VIOLATION,
                    "no agent named " + agentName + " is configured");
        }
        return argv;
    }

    public AcpSession open(String workspaceId, String agentName, Map<String, String> env, AcpSession.Listener listener)
            throws SessionRefusedException, IOException {
        List<String> argv = command(agentName);
        synchronized (this) {
            if (count(workspaceId) >= limitPerWorkspace) {
                throw new SessionRefusedException(Reason.LIMIT_REACHED, SessionCloseCodes.TRY_AGAIN_LATER,
                        "workspace " + workspaceId + " already runs " + limitPerWorkspace + " agents");
            }
            starting.merge(workspaceId, 1, Integer::sum);
        }
        try {
            Process p = runtime.start(workspaceId, ProcessSpec.of(argv, env, null));
            String id = UUID.randomUUID().toString();
            AcpSession s = new AcpSession(id, workspaceId, agentName, p, listener);
            sessions.put(id, s);
            s.start(() -> sessions.remove(id));
            return s;
        } finally {
            synchronized (this) {
                starting.computeIfPresent(workspaceId, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    public void close(String sessionId) {
        AcpSession s = sessions.remove(sessionId);
        if (s != null) {
            s.close();
        }
    }

    public synchronized int count(String workspaceId) {
        return (int) sessions.values().stream().filter(s -> s.workspaceId().equals(workspaceId)).count()
                + starting.getOrDefault(workspaceId, 0);
    }

    @Override
    public void close() {
        for (String id : List.copyOf(sessions.keySet())) {
            close(id);
        }
    }
}
