package dev.sam.e2e.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Another process that claims a run directory, as a running demo does, until its stdin ends. */
public final class HoldRunLock {
    private HoldRunLock() {
    }

    public static void main(String[] args) throws IOException {
        RunDirectory.claim(Path.of(args[0]));
        System.out.println("held");
        System.out.flush();
        System.in.readAllBytes();
    }

    /** Starts the holder and waits until it holds the lock. */
    static Process start(Path run) throws IOException {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldRunLock.class.getName(), run.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] line = new byte[5];
        int n = p.getInputStream().readNBytes(line, 0, line.length);
        if (!"held\n".equals(new String(line, 0, n, StandardCharsets.UTF_8))) {
            p.destroyForcibly();
            throw new IOException("the lock holder did not take the lock");
        }
        return p;
    }
}
