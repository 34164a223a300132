package dev.sam.agent.provision;

import dev.sam.agent.credential.CachedToken;
import dev.sam.agent.runtime.WorkspaceRuntime;
import dev.sam.agent.workspace.WorkspaceCredential;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.contract.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a workspace's files and writes them through its runtime, then reads every file back and
 * compares bytes and mode: a file that did not land exactly as rendered fails loudly instead of
 * leaving an empty env file behind. One writer per workspace at a time.
 */
public final class WorkspaceFiles {
    private final WorkspacePlanRenderer renderer;
    private final WorkspaceRuntime runtime;
    private final String apiUrl;
    private final String nodeId;
    private final String agentUrl;
    private final List<String> extraHosts;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public WorkspaceFiles(WorkspacePlanRenderer renderer, WorkspaceRuntime runtime, String apiUrl, String nodeId,
            String agentUrl, List<String> extraHosts) {
        this.renderer = renderer;
        this.runtime = runtime;
        this.apiUrl = apiUrl;
        this.nodeId = nodeId;
        this.agentUrl = agentUrl;
        this.extraHosts = List.copyOf(extraHosts);
    }

    /** Writes the whole plan; {@code credential} is the workspace's secret (new, or read back from the workspace). */
    public WorkspacePlan write(WorkspaceRecord record, String credential, Optional<CachedToken> token) throws IOException {
        synchronized (locks.computeIfAbsent(record.workspaceId(), k -> new Object())) {
            RenderInput input = new RenderInput(record.workspaceId(), record.repository(), record.branch(), apiUrl, nodeId,
                    agentUrl, credential, token.map(CachedToken::token), token.map(CachedToken::expiresAt), record.env(), extraHosts);
            WorkspacePlan plan = renderer.render(input);
            runtime.writePlan(record.workspaceId(), plan);
            verify(record.workspaceId(), plan);
            return plan;
        }
    }

    /** Rewrites the files with a new token, keeping the credential the workspace already holds. */
    public WorkspacePlan rewrite(WorkspaceRecord record, CachedToken token) throws IOException {
        return write(record, existingCredential(record), Optional.of(token));
    }

    /** The credential stored inside the workspace, checked against the hash the agent keeps. */
    public String existingCredential(WorkspaceRecord record) throws IOException {
        String credential = new String(runtime.readFile(record.workspaceId(), WorkspacePaths.WORKSPACE_CREDENTIAL), StandardCharsets.UTF_8);
        if (!WorkspaceCredential.sha256(credential).equals(record.credentialSha256())) {
            throw new IOException("workspace credential of " + record.workspaceId() + " does not match the agent's record");
        }
        return credential;
    }

    private void verify(String workspaceId, WorkspacePlan plan) throws IOException {
        for (PlannedFile f : plan.files()) {
            byte[] back = runtime.readFile(workspaceId, f.path());
            if (!Arrays.equals(back, f.bytes())) {
                throw new IOException("read-back of " + f.path() + " differs from what was written (" + back.length + " of "
                        + f.bytes().length + " bytes)");
            }
            int mode = runtime.fileMode(workspaceId, f.path());
            if (mode != f.mode()) {
                throw new IOException("mode of " + f.path() + " is " + Integer.toOctalString(mode) + ", expected "
                        + Integer.toOctalString(f.mode()));
            }
        }
    }
}
