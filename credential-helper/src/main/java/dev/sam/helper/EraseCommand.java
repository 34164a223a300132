package dev.sam.helper;

import dev.sam.contract.credential.CredentialCodec;
import dev.sam.contract.credential.CredentialMessage;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * git's {@code erase}, sent after a server rejected our token: ask the agent to drop its cached
 * token so the next {@code get} mints a fresh one. Silent and exit 0 whatever happens: git ignores
 * erase failures, and a second line next to git's own error would only confuse.
 */
@Command(name = "erase", mixinStandardHelpOptions = true, versionProvider = HelperVersion.class,
        description = "Ask the agent to drop a rejected token (called by git).")
public final class EraseCommand implements Callable<Integer> {
    private final HelperContext context;

    EraseCommand(HelperContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CredentialMessage request;
        try {
            request = CredentialCodec.read(context.stdin());
        } catch (IOException | IllegalArgumentException e) {
            return ExitCodes.OK;
        } finally {
            StoreCommand.drain(context.stdin());
        }
        try {
            HelperConfig config = HelperConfig.load(context.configFile());
            if (HostPolicy.of(config.extraHosts()).allows(request)) {
                new AgentClient(config.agent(), config.readCredential(), Deadline.inMillis(AgentClient.AGENT_BUDGET_MILLIS)).erase();
            }
        } catch (HelperConfigException e) {
            // Nothing to erase without a config; get reports the problem.
        }
        return ExitCodes.OK;
    }
}
