package dev.sam.bootstrap.plan;

import java.util.List;
import java.util.Optional;

/** Everything that goes into one workspace: files, and the system git config they include. */
public record BootstrapPlan(List<PlannedFile> files, List<GitConfigEntry> gitConfig) {
    public BootstrapPlan {
        files = List.copyOf(files);
        gitConfig = List.copyOf(gitConfig);
    }

    public Optional<PlannedFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
