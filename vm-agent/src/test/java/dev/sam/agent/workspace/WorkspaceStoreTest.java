package dev.sam.agent.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.agent.WorkspaceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state store: records persisted before they are visible, and one workspace's write never holds up another's. */
class WorkspaceStoreTest {
    @TempDir
    Path temp;

    @Test
    void aWorkspaceInTheMiddleOfAnUpdateDoesNotHoldUpOthers() throws Exception {
        WorkspaceStore store = new WorkspaceStore(new WorkspaceLayout(temp));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        store.load();
        store.putIfAbsent(record("ws-slow"));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Stands for a slow fsync of ws-slow's state file: the update is held open until released.
        CompletableFuture<WorkspaceRecord> slow = CompletableFuture.supplyAsync(() -> store.update("ws-slow", r -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return r.withState(WorkspaceStatus.READY, null);
        }), threads);
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        try {
            // Enough new workspaces to grow the table: a store that persisted inside the map's own locks waits here.
            CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    store.putIfAbsent(record("ws-" + i));
                    store.update("ws-" + i, r -> r.withState(WorkspaceStatus.READY, null));
                }
            }, threads);
            others.get(20, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdown();
        }
        assertEquals(WorkspaceStatus.READY, slow.get(10, TimeUnit.SECONDS).state());
        ObjectMapper json = new ObjectMapper();
        for (String id : new String[] {"ws-slow", "ws-0", "ws-99"}) {
            assertEquals(WorkspaceStatus.READY, json.readTree(Files.readAllBytes(new WorkspaceLayout(temp).stateFile(id))).path("state").asText(), id);
        }
    }

    private static WorkspaceRecord record(String id) {
        return new WorkspaceRecord(id, "acme/app", "main", Map.of(), "cb", "sha-" + id, WorkspaceStatus.CREATING, null);
    }
}
