package dev.sam.helper;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code git-credential-sam}: git's credential helper for SAM workspaces. */
@Command(name = "git-credential-sam", mixinStandardHelpOptions = true, versionProvider = HelperVersion.class,
        description = "git credential helper for SAM workspaces: answers https://github.com (and configured"
                + " GitHub Enterprise hosts) with a token from the VM agent. Never prompts.",
        subcommands = {GetCommand.class, StoreCommand.class, EraseCommand.class, DoctorCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:answered, or nothing to answer (a host SAM does not serve)",
            "1:the agent gave no token for our host (reason on stderr); doctor: token not live",
            "2:usage error",
            "3:config or workspace credential file missing or invalid",
            "4:agent unreachable (refused, no answer within 9 s, or no usable answer)",
            "5:stdin is not git's credential format"})
public final class GitCredentialSam implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Everything but git's {@code get} (see {@link HelperMain}): {@code --help}, {@code doctor}, usage errors. */
    static int execute(String[] args, HelperContext context) {
        return new CommandLine(new GitCredentialSam(), new HelperFactory(context)).execute(args);
    }

    /** Without a command: usage on stderr, as git-credential helpers have no default action. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: get, store, erase or doctor");
    }
}
