package dev.sam.helper;

import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.credential.CredentialCodec;
import dev.sam.contract.credential.CredentialFormatException;
import dev.sam.contract.credential.CredentialMessage;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * git's {@code get}: read the request from stdin, answer only https on our hosts.
 *
 * <p>When the host is ours but no token can be had, the helper prints {@code quit=1}: git then stops
 * asking other helpers and never prompts, so the command fails at once with our stderr line instead
 * of hanging on a prompt or sending a stale token from another helper. For a host that is not ours
 * it prints nothing, and git goes on to the next helper as if we were not there.
 */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = HelperVersion.class,
        description = "Answer git's credential request on stdin (called by git).")
public final class GetCommand implements Callable<Integer> {
    private static final String QUIT_LINE = CredentialMessage.QUIT + "=1\n";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final HelperContext context;

    GetCommand(HelperContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return get(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    int get(PrintWriter out, PrintWriter err) {
        CredentialMessage request;
        try {
            request = CredentialCodec.read(context.stdin());
        } catch (CredentialFormatException | IOException e) {
            // git ignores a get helper's exit code and output problems; the stderr line is for people.
            Diagnostic.print(err, "stdin", Reason.INVALID_REQUEST.code(), e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        HelperConfig config = null;
        String configProblem = null;
        try {
            config = HelperConfig.load(context.configFile());
        } catch (HelperConfigException e) {
            configProblem = e.getMessage();
        }
        HostPolicy policy = HostPolicy.of(config == null ? List.of() : config.extraHosts());
        if (!policy.allows(request)) {
            return ExitCodes.OK;
        }
        String bearer;
        try {
            if (config == null) {
                throw new HelperConfigException(configProblem);
            }
            bearer = config.readCredential();
        } catch (HelperConfigException e) {
            Diagnostic.print(err, context.configFile().toString(), Reason.WORKSPACE_NOT_READY.code(), e.getMessage());
            return quit(out, ExitCodes.CONFIG);
        }
        AgentClient agent = new AgentClient(config.agent(), bearer, Deadline.inMillis(AgentClient.AGENT_BUDGET_MILLIS));
        AgentResult result = agent.credential(request);
        if (result instanceof AgentResult.Token token) {
            CredentialMessage.Builder answer = CredentialMessage.builder()
                    .add(CredentialMessage.USERNAME, AgentPaths.TOKEN_USERNAME)
                    .add(CredentialMessage.PASSWORD, token.password());
            if (token.expiryUtc() >= 0) {
                answer.add(CredentialMessage.PASSWORD_EXPIRY_UTC, token.expiryUtc());
            }
            byte[] bytes;
            try {
                bytes = CredentialCodec.toBytes(answer.build());
            } catch (CredentialFormatException e) {
                Diagnostic.print(err, config.agent().url(), Reason.INTERNAL_ERROR.code(), "agent token cannot be written to git");
                return quit(out, ExitCodes.UNAVAILABLE);
            }
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
            return ExitCodes.OK;
        }
        if (result instanceof AgentResult.NoCredential) {
            return ExitCodes.OK;
        }
        if (result instanceof AgentResult.Refused refused) {
            Diagnostic.print(err, config.agent().url(), refused.reason(), refused.message());
            return quit(out, ExitCodes.UNAVAILABLE);
        }
        AgentResult.Unreachable down = (AgentResult.Unreachable) result;
        Diagnostic.print(err, config.agent().url(), Reason.NODE_UNREACHABLE.code(), down.message());
        return quit(out, ExitCodes.UNREACHABLE);
    }

    private static int quit(PrintWriter out, int code) {
        out.print(QUIT_LINE);
        out.flush();
        return code;
    }
}
