package dev.sam.e2e;

import dev.sam.e2e.stack.LocalStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The secrets rule checked from the outside: no token, in any form git or a client would encode it
 * (raw, base64, base64 of the Basic {@code x-access-token:<token>} pair), in any process's
 * command line, in any service log, in any git config or remote URL.
 */
public final class SecretsHygiene {
    private SecretsHygiene() {
    }

    public static void assertNoLeak(LocalStack stack, Collection<String> tokens, Collection<Path> gitConfigs) {
        List<String> leaks = new ArrayList<>();
        List<String> forms = forms(tokens);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).forEach(p -> {
                String cmdline = read(p.resolve("cmdline")).replace('\0', ' ');
                if (contains(cmdline, forms)) {
                    leaks.add("command line of pid " + p.getFileName());
                }
            });
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        stack.logs().forEach((name, path) -> {
            if (contains(read(path), forms)) {
                leaks.add("log " + path);
            }
        });
        for (Path config : gitConfigs) {
            if (contains(read(config), forms)) {
                leaks.add("git config " + config);
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("a token leaked into: " + String.join(", ", leaks));
        }
    }

    static List<String> forms(Collection<String> tokens) {
        List<String> forms = new ArrayList<>();
        Base64.Encoder b64 = Base64.getEncoder();
        for (String t : tokens) {
            if (t == null || t.isEmpty()) {
                continue;
            }
            forms.add(t);
            forms.add(b64.encodeToString(t.getBytes(StandardCharsets.UTF_8)));
            forms.add(b64.encodeToString(("x-access-token:" + t).getBytes(StandardCharsets.UTF_8)));
        }
        return forms;
    }

    private static boolean contains(String text, List<String> forms) {
        return forms.stream().anyMatch(text::contains);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            // Processes come and go while /proc is read.
            return "";
        }
    }
}
