package dev.sam.agent.workspace;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The agent's workspace records, in memory and on disk (one 0600 JSON file per workspace, replaced
 * atomically). Lookups by credential hash are how a request is tied to a workspace.
 */
public final class WorkspaceStore {
    private static final Logger LOG = Logger.getLogger(WorkspaceStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final WorkspaceLayout layout;
    private final Map<String, WorkspaceRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByCredentialHash = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public WorkspaceStore(WorkspaceLayout layout) {
        this.layout = layout;
    }

    /** Creates the data directories (0700: they hold callback tokens and every workspace's files) and reads every record. */
    public void load() {
        try {
            for (Path dir : List.of(layout.dataDir(), layout.stateDir(), layout.workspacesDir())) {
                Files.createDirectories(dir);
            }
            Files.setPosixFilePermissions(layout.stateDir(), PosixFilePermissions.fromString("rwx------"));
            // Searchable (not listable) so an unprivileged sandbox launcher can reach its own workspace
            // root; the data directory too, so nobody lists the state or workspaces directories' names.
            Files.setPosixFilePermissions(layout.workspacesDir(), PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(layout.dataDir(), PosixFilePermissions.fromString("rwx--x--x"));
            try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.stateDir(), "*.json")) {
                for (Path f : files) {
                    WorkspaceRecord r = JSON.readValue(f.toFile(), WorkspaceRecord.class);
                    index(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load agent state from " + layout.dataDir(), e);
        }
        LOG.infof("restored %d workspace(s) from %s", byId.size(), layout.stateDir());
    }

    public Optional<WorkspaceRecord> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<WorkspaceRecord> byCredentialHash(String sha256) {
        String id = idByCredentialHash.get(sha256);
        return id == null ? Optional.empty() : get(id);
    }

    public Collection<WorkspaceRecord> all() {
        return List.copyOf(byId.values());
    }

    /** Inserts the record unless one exists; returns whichever is stored. Visible only once persisted. */
    public WorkspaceRecord putIfAbsent(WorkspaceRecord record) {
        synchronized (lock(record.workspaceId())) {
            WorkspaceRecord stored = byId.get(record.workspaceId());
            if (stored == null) {
                persist(record);
                byId.put(record.workspaceId(), record);
                stored = record;
            }
            indexCredential(stored);
            return stored;
        }
    }

    /** Applies {@code change}, persists the result, then makes it visible; writers of one workspace take turns. */
    public WorkspaceRecord update(String id, UnaryOperator<WorkspaceRecord> change) {
        synchronized (lock(id)) {
            WorkspaceRecord current = byId.get(id);
            if (current == null) {
                throw new IllegalStateException("unknown workspace " + id);
            }
            WorkspaceRecord changed = change.apply(current);
            persist(changed);
            byId.put(id, changed);
            indexCredential(changed);
            return changed;
        }
    }

    /**
     * One lock per workspace, held across the fsyncs of its state file. Not the map's own locks
     * (compute holds a hash bin, shared by unrelated workspaces and by a resize): with 50 workspaces
     * created at once, that serialised their fsyncs behind each other.
     */
    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private void index(WorkspaceRecord r) {
        byId.put(r.workspaceId(), r);
        indexCredential(r);
    }

    private void indexCredential(WorkspaceRecord r) {
        if (r.credentialSha256() != null) {
            idByCredentialHash.put(r.credentialSha256(), r.workspaceId());
        }
    }

    private void persist(WorkspaceRecord r) {
        try {
            AtomicFiles.write(layout.stateFile(r.workspaceId()), JSON.writeValueAsBytes(r), 0600, OptionalInt.empty(), OptionalInt.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist workspace " + r.workspaceId(), e);
        }
    }
}
