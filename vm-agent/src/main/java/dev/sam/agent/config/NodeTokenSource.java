package dev.sam.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/** Resolves the node token: the {@code *_FILE} form wins so the secret need not sit in the environment. */
public final class NodeTokenSource {
    private NodeTokenSource() {
    }

    public static Optional<String> resolve(AgentConfig config) {
        if (config.nodeTokenFile().isPresent()) {
            try {
                String value = Files.readString(config.nodeTokenFile().get(), StandardCharsets.UTF_8).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read node token file " + config.nodeTokenFile().get(), e);
            }
        }
        return config.nodeToken().filter(v -> !v.isBlank()).map(String::strip);
    }
}
