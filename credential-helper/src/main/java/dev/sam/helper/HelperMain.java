package dev.sam.helper;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process entry point. git runs {@code git-credential-sam get} on every fetch, push and clone:
 * that exact argv goes straight to {@link GetCommand} without building picocli's model; everything
 * else goes through picocli in {@link GitCredentialSam}.
 *
 * <p>This class names no picocli type on purpose. The JVM links every class of the AOT cache at
 * start-up and checks the verifier's assignability constraints of each; a picocli type in one of
 * them (an {@code IFactory} argument, a thrown {@code ParameterException}) makes it load that type
 * from the picocli jar, outside the cache, on every git call.
 */
public final class HelperMain {
    private HelperMain() {
    }

    public static void main(String[] args) {
        exit(run(args, HelperContext.fromProcess()));
    }

    static int run(String[] args, HelperContext context) {
        if (args.length == 1 && "get".equals(args[0])) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
            return new GetCommand(context).get(out, err);
        }
        return GitCredentialSam.execute(args, context);
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
}
