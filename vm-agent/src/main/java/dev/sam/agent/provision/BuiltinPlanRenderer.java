package dev.sam.agent.provision;

import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.HelperConfigKeys;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's own renderer, used until the {@code bootstrap} module's renderers are wired in: the
 * static env file, a profile script that reads it without evaluating it, the helper's config and
 * launcher, the workspace credential and system git config.
 */
public final class BuiltinPlanRenderer implements WorkspacePlanRenderer {
    private static final int PRIVATE = 0600;
    private static final int PUBLIC = 0644;
    private static final int EXECUTABLE = 0755;

    @Override
    public WorkspacePlan render(RenderInput in) {
        List<PlannedFile> files = new ArrayList<>();
        files.add(new PlannedFile(WorkspacePaths.ENV_FILE, EnvFile.write(env(in)), PRIVATE, FileOwner.WORKSPACE_USER));
        files.add(new PlannedFile(WorkspacePaths.PROFILE_SCRIPT, profileScript(), PUBLIC, FileOwner.ROOT));
        files.add(new PlannedFile(WorkspacePaths.HELPER_CONFIG, EnvFile.write(helperConfig(in)), PUBLIC, FileOwner.ROOT));
        files.add(new PlannedFile(WorkspacePaths.WORKSPACE_CREDENTIAL,
                in.workspaceCredential().getBytes(StandardCharsets.UTF_8), PRIVATE, FileOwner.WORKSPACE_USER));
        files.add(new PlannedFile(WorkspacePaths.HELPER_LAUNCHER, launcher(), EXECUTABLE, FileOwner.ROOT));
        files.add(new PlannedFile(WorkspacePaths.SYSTEM_GITCONFIG, gitConfig(in), PUBLIC, FileOwner.ROOT));
        return new WorkspacePlan(files);
    }

    static Map<String, String> env(RenderInput in) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvNames.GH_TOKEN, in.token().orElse(""));
        env.put(EnvNames.SAM_API_URL, in.apiUrl());
        env.put(EnvNames.SAM_BRANCH, in.branch() == null ? "" : in.branch());
        env.put(EnvNames.SAM_NODE_ID, in.nodeId());
        env.put(EnvNames.SAM_REPOSITORY, in.repository());
        env.put(EnvNames.SAM_WORKSPACE_ID, in.workspaceId());
        for (Map.Entry<String, String> e : in.extraEnv().entrySet()) {
            // SAM's own names are not overridable by the request's extras.
            if (!EnvNames.ALL.contains(e.getKey()) || e.getKey().equals(EnvNames.SAM_WORKSPACE_URL)) {
                env.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return env;
    }

    private static Map<String, String> helperConfig(RenderInput in) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(HelperConfigKeys.AGENT_URL, in.agentUrl());
        conf.put(HelperConfigKeys.WORKSPACE_ID, in.workspaceId());
        conf.put(HelperConfigKeys.CREDENTIAL_FILE, WorkspacePaths.WORKSPACE_CREDENTIAL);
        conf.put(HelperConfigKeys.EXTRA_HOSTS, String.join(" ", in.extraHosts()));
        return conf;
    }

    /** Reads KEY=VALUE lines without eval; values with escapes are left to the bootstrap renderer's full reader. */
    private static byte[] profileScript() {
        String script = "# SAM: exports the workspace's values from " + WorkspacePaths.ENV_FILE + " (never evaluated).\n"
                + "if [ -r " + WorkspacePaths.ENV_FILE + " ]; then\n"
                + "  while IFS= read -r sam_line || [ -n \"$sam_line\" ]; do\n"
                + "    case \"$sam_line\" in ''|'#'*) continue ;; esac\n"
                + "    sam_key=${sam_line%%=*}\n"
                + "    case \"$sam_key\" in *[!A-Z0-9_]*|'') continue ;; esac\n"
                + "    export \"$sam_key=${sam_line#*=}\"\n"
                + "  done < " + WorkspacePaths.ENV_FILE + "\n"
                + "  unset sam_line sam_key\n"
                + "fi\n";
        return script.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] launcher() {
        return ("#!/bin/sh\nexec " + WorkspacePaths.HELPER_HOME + "/bin/git-credential-sam \"$@\"\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gitConfig(RenderInput in) {
        StringBuilder sb = new StringBuilder();
        sb.append("[credential]\n\thelper =\n\thelper = sam\n");
        List<String> hosts = new ArrayList<>();
        hosts.add(HelperConfigKeys.GITHUB_HOST);
        hosts.addAll(in.extraHosts());
        for (String host : hosts) {
            sb.append("[credential \"https://").append(host).append("\"]\n\tusername = ").append(AgentPaths.TOKEN_USERNAME).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
