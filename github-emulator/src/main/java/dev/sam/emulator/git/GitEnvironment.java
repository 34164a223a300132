package dev.sam.emulator.git;

import java.util.Map;

/** The environment of every git process the emulator starts: no user or system config, no prompt. */
final class GitEnvironment {
    private GitEnvironment() {
    }

    static void isolate(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
    }
}
