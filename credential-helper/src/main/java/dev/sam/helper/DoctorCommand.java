package dev.sam.helper;

import dev.sam.contract.agent.CredentialStatus;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * For people: where the config is, whether the agent answers, the token's state and expiry and
 * the last error's reason. Never prints the token or the workspace credential.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = HelperVersion.class,
        description = "Check the config, the agent and the token's state; prints no secret.")
public final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final HelperContext context;

    DoctorCommand(HelperContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("config:          " + context.configFile());
        HelperConfig config;
        String bearer;
        try {
            config = HelperConfig.load(context.configFile());
            out.println("agent:           " + config.agent().url());
            out.println("workspace:       " + (config.workspaceId().isEmpty() ? "(not set)" : config.workspaceId()));
            out.println("hosts:           " + String.join(" ", HostPolicy.of(config.extraHosts()).hosts()));
            out.println("credential file: " + config.credentialFile() + modeNote(config));
            bearer = config.readCredential();
        } catch (HelperConfigException e) {
            out.flush();
            Diagnostic.print(err, context.configFile().toString(), Reason.WORKSPACE_NOT_READY.code(), e.getMessage());
            return ExitCodes.CONFIG;
        }
        Object status = new AgentClient(config.agent(), bearer, Deadline.inMillis(AgentClient.AGENT_BUDGET_MILLIS)).status();
        if (status instanceof AgentResult.Unreachable down) {
            out.println("agent status:    unreachable");
            out.flush();
            Diagnostic.print(err, config.agent().url(), Reason.NODE_UNREACHABLE.code(), down.message());
            return ExitCodes.UNREACHABLE;
        }
        if (status instanceof AgentResult.Refused refused) {
            out.println("agent status:    refused (HTTP " + refused.status() + ")");
            out.flush();
            Diagnostic.print(err, config.agent().url(), refused.reason(), refused.message());
            return ExitCodes.UNAVAILABLE;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) status;
        String state = fields.getOrDefault("state", "unknown");
        out.println("agent version:   " + fields.getOrDefault("agentVersion", "unknown"));
        out.println("token state:     " + state);
        out.println("token expires:   " + fields.getOrDefault("expiresAt", "unknown"));
        out.println("last error:      " + fields.getOrDefault("reason", "none"));
        out.flush();
        return CredentialStatus.LIVE.equals(state) ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }

    /** The credential file should be 0600; say so when it is readable by others. */
    private static String modeNote(HelperConfig config) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(config.credentialFile());
            String text = PosixFilePermissions.toString(perms);
            boolean shared = perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
            return " (" + text + (shared ? ", WARNING: readable by others, should be 0600)" : ")");
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
