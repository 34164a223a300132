package dev.sam.helper;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
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
            "4:agent unreachable (refused, or no answer within 10 s)",
            "5:stdin is not git's credential format"})
public final class GitCredentialSam implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        exit(run(args, HelperContext.fromProcess()));
    }

    /**
     * {@code System.exit} logs the exit through {@code System.Logger} (JDK 21+), which initialises
     * the logging backend and scans the class path for providers: about 15 ms on every git call.
     * The helper registers no shutdown hooks and owns no files, so flushing and halting is the same exit.
     */
    private static void exit(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /**
     * git runs {@code git-credential-sam get} on every fetch, push and clone: that exact argv skips
     * building picocli's model (its reflection costs start-up time); everything else goes through picocli.
     */
    static int run(String[] args, HelperContext context) {
        if (args.length == 1 && "get".equals(args[0])) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
            return new GetCommand(context).get(out, err);
        }
        return new CommandLine(new GitCredentialSam(), new HelperFactory(context)).execute(args);
    }

    /** Without a command: usage on stderr, as git-credential helpers have no default action. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: get, store, erase or doctor");
    }
}
