package dev.sam.helper;

import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvFileException;
import dev.sam.contract.workspace.HelperConfigKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The helper's config file (static env-file format, keys in {@link HelperConfigKeys}). It holds no
 * secret: the workspace credential lives in the file it names.
 */
public record HelperConfig(Path source, AgentEndpoint agent, String workspaceId, Path credentialFile, List<String> extraHosts) {

    public HelperConfig {
        extraHosts = List.copyOf(extraHosts);
    }

    public static HelperConfig load(Path file) throws HelperConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HelperConfigException("config " + file + " does not exist");
        } catch (IOException e) {
            throw new HelperConfigException("config " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        Map<String, String> entries;
        try {
            entries = EnvFile.read(bytes);
        } catch (EnvFileException e) {
            throw new HelperConfigException("config " + file + ": " + e.getMessage());
        }
        String url = required(entries, HelperConfigKeys.AGENT_URL, file);
        String credential = required(entries, HelperConfigKeys.CREDENTIAL_FILE, file);
        List<String> hosts = new ArrayList<>();
        for (String h : entries.getOrDefault(HelperConfigKeys.EXTRA_HOSTS, "").trim().split("\\s+")) {
            if (!h.isEmpty()) {
                hosts.add(h);
            }
        }
        return new HelperConfig(file, AgentEndpoint.parse(url), entries.getOrDefault(HelperConfigKeys.WORKSPACE_ID, ""),
                Path.of(credential), hosts);
    }

    /**
     * The workspace credential, trimmed of surrounding whitespace and line breaks. Refuses control
     * characters inside it: they would split the Authorization header.
     */
    public String readCredential() throws HelperConfigException {
        String text;
        try {
            text = new String(Files.readAllBytes(credentialFile), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new HelperConfigException("credential file " + credentialFile + " does not exist");
        } catch (IOException e) {
            throw new HelperConfigException("credential file " + credentialFile + " cannot be read: " + e.getClass().getSimpleName());
        }
        if (text.isEmpty()) {
            throw new HelperConfigException("credential file " + credentialFile + " is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new HelperConfigException("credential file " + credentialFile + " contains control characters");
            }
        }
        return text;
    }

    private static String required(Map<String, String> entries, String key, Path file) throws HelperConfigException {
        String v = entries.get(key);
        if (v == null || v.isBlank()) {
            throw new HelperConfigException("config " + file + " has no " + key);
        }
        return v.trim();
    }
}
