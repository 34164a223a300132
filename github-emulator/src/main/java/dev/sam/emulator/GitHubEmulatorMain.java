package dev.sam.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone emulator: {@code java -jar sam-github-emulator-VERSION-standalone.jar --port N [--state-file F]}.
 * Prints {@code EMULATOR_READY http://127.0.0.1:PORT} on stdout once listening; configure it
 * through the {@code /_emulator/} endpoints. Stops on SIGTERM/SIGINT.
 */
public final class GitHubEmulatorMain {
    static final String READY = "EMULATOR_READY ";
    private static final String USAGE = "usage: sam-github-emulator --port N [--state-file F] [--git-dir D]";

    private GitHubEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // One line per record on stderr, before the first logger is created; stdout carries only READY.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s %5$s%6$s%n");
        int port = 0;
        Path stateFile = null;
        Path gitDir = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = parsePort(value);
                case "--state-file" -> stateFile = Path.of(require(value, "--state-file"));
                case "--git-dir" -> gitDir = Path.of(require(value, "--git-dir"));
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown argument " + args[i]);
            }
            i++;
        }

        GitHubEmulator emulator = GitHubEmulator.start(port);
        if (stateFile != null) {
            try {
                StateFile.attach(emulator, stateFile);
            } catch (RuntimeException e) {
                emulator.close();
                fail("cannot use state file " + stateFile + ": " + e.getMessage());
            }
        }
        if (gitDir != null) {
            emulator.startGit(gitDir);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "github-emulator-shutdown"));

        System.out.println(READY + emulator.baseUri());
        System.out.flush();
        stopped.await();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(require(value, "--port"));
            if (port < 0 || port > 65535) {
                fail("--port must be 0..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            fail("--port must be a number");
            return -1;
        }
    }

    private static String require(String value, String option) {
        if (value == null) {
            fail(option + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("sam-github-emulator: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
