package dev.sam.agent.provision;

import dev.sam.agent.credential.CachedToken;
import dev.sam.agent.runtime.WorkspaceRuntime;
import dev.sam.agent.workspace.WorkspaceCredential;
import dev.sam.agent.workspace.WorkspaceRecord;
import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.WorkspaceBootstrap;
import dev.sam.bootstrap.plan.BootstrapPlan;
import dev.sam.bootstrap.plan.PlannedFile;
import dev.sam.contract.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a workspace's files with {@code bootstrap} and writes them through its runtime, then reads
 * every file back as the runtime sees it and compares bytes and mode: a file that did not land
 * exactly as rendered fails loudly instead of leaving an empty env file behind. One writer per
 * workspace at a time.
 */
public final class WorkspaceFiles {
    /** The id and repository of the plan the node's shared files are rendered from; no workspace has it. */
    private static final String NO_WORKSPACE = "node-files";
    private final WorkspaceRuntime runtime;
    private final String apiUrl;
    private final String nodeId;
    private final String agentUrl;
    private final int uid;
    private final int gid;
    private final List<String> extraHosts;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public WorkspaceFiles(WorkspaceRuntime runtime, String apiUrl, String nodeId, String agentUrl, int uid, int gid,
            List<String> extraHosts) {
        this.runtime = runtime;
        this.apiUrl = apiUrl;
        this.nodeId = nodeId;
        this.agentUrl = agentUrl;
        this.uid = uid;
        this.gid = gid;
        this.extraHosts = List.copyOf(extraHosts);
    }

    /** Writes the whole plan; {@code credential} is the workspace's secret (new, or read back from the workspace). */
    public BootstrapPlan write(WorkspaceRecord record, String credential, Optional<CachedToken> token) throws IOException {
        synchronized (locks.computeIfAbsent(record.workspaceId(), k -> new Object())) {
            WorkspaceBootstrap input = new WorkspaceBootstrap(record.workspaceId(), record.repository(), record.branch(), nodeId,
                    apiUrl, "", token.map(CachedToken::token), token.map(CachedToken::expiresAt), agentUrl, credential, uid, gid,
                    extraHosts, record.env());
            BootstrapPlan plan = BootstrapRenderer.render(input);
            runtime.writePlan(record.workspaceId(), plan);
            verify(record.workspaceId(), plan);
            return plan;
        }
    }

    /**
     * Writes the files every workspace of this node shares (where the runtime keeps them per node)
     * before any workspace needs them, from a plan rendered for no workspace in particular: no token,
     * a throw-away credential, nothing of it written into any workspace.
     */
    public void writeNodeFiles() throws IOException {
        WorkspaceBootstrap none = new WorkspaceBootstrap(NO_WORKSPACE, NO_WORKSPACE + "/" + NO_WORKSPACE, "main", nodeId, apiUrl, "",
                Optional.empty(), Optional.empty(), agentUrl, WorkspaceCredential.generate(), uid, gid, extraHosts, Map.of());
        runtime.writeNodeFiles(BootstrapRenderer.render(none));
    }

    /** Rewrites the files with a new token, keeping the credential the workspace already holds. */
    public BootstrapPlan rewrite(WorkspaceRecord record, CachedToken token) throws IOException {
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

    private void verify(String workspaceId, BootstrapPlan plan) throws IOException {
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
