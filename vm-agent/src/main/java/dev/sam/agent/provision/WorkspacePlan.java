package dev.sam.agent.provision;

import java.util.List;
import java.util.Optional;

/** Everything written into a workspace, in order. */
public record WorkspacePlan(List<PlannedFile> files) {
    public WorkspacePlan {
        files = List.copyOf(files);
    }

    public Optional<PlannedFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
