package dev.sam.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a standalone emulator's configuration (apps, installations) in a JSON file: loaded at
 * start if present, rewritten atomically after every change, so a restarted emulator is still
 * set up. Tokens are never written: they would be secrets on disk, and GitHub forgets nothing
 * the emulator could not re-mint.
 */
final class StateFile {
    private final GitHubEmulator emulator;
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    private StateFile(GitHubEmulator emulator, Path file) {
        this.emulator = emulator;
        this.file = file;
    }

    static void attach(GitHubEmulator emulator, Path file) {
        StateFile state = new StateFile(emulator, file);
        if (Files.exists(file)) {
            state.load();
        }
        emulator.onConfigurationChange(state::save);
        state.save();
    }

    private void load() {
        try {
            JsonNode root = json.readTree(file.toFile());
            for (JsonNode app : root.path("apps")) {
                emulator.registerApp(app.path("app_id").asLong(), PemPublicKeys.parse(app.path("public_key_pem").asText()));
            }
            for (JsonNode inst : root.path("installations")) {
                Map<String, String> permissions = new LinkedHashMap<>();
                inst.path("permissions").properties().forEach(e -> permissions.put(e.getKey(), e.getValue().asText()));
                List<String> repositories = new ArrayList<>();
                inst.path("repositories").forEach(r -> repositories.add(r.asText()));
                long id = inst.path("id").asLong();
                emulator.addInstallation(inst.path("app_id").asLong(), id, inst.path("account").asText(),
                        permissions, repositories);
                if (inst.path("suspended").asBoolean()) {
                    emulator.suspendInstallation(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state file " + file, e);
        }
    }

    private synchronized void save() {
        InstallationRegistry registry = emulator.state().registry();
        List<Map<String, Object>> apps = new ArrayList<>();
        registry.apps().forEach((id, key) -> apps.add(Map.of("app_id", id, "public_key_pem", PemPublicKeys.format(key))));
        List<Map<String, Object>> installations = new ArrayList<>();
        for (Installation i : registry.installations()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", i.id());
            row.put("app_id", i.appId());
            row.put("account", i.account());
            row.put("permissions", i.permissions());
            row.put("repositories", i.repositories().stream().map(Repository::fullName).toList());
            row.put("suspended", i.suspended());
            installations.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("saved_at", Instant.now().toString());
        root.put("apps", apps);
        root.put("installations", installations);
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + file, e);
        }
    }
}
