package dev.sam.helper;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * git's {@code store}: the agent owns the token, so nothing is kept. stdin is read to its end so
 * git never gets a broken pipe writing to us.
 */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = HelperVersion.class,
        description = "Accept and discard a credential git offers (called by git).")
public final class StoreCommand implements Callable<Integer> {
    private final HelperContext context;

    StoreCommand(HelperContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        drain(context.stdin());
        return ExitCodes.OK;
    }

    static void drain(InputStream in) {
        byte[] buffer = new byte[4096];
        long total = 0;
        try {
            int n;
            // Bounded so a caller that never closes stdin cannot make us read forever into memory.
            while (total < 1 << 20 && (n = in.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // Nothing to protect: we discard the input anyway.
        }
    }
}
