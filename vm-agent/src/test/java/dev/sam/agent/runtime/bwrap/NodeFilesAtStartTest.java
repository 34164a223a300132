package dev.sam.agent.runtime.bwrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.contract.agent.WorkspaceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files every workspace of a node shares are written when the agent starts, so a burst of first
 * workspaces does not queue behind one of them writing them. What is written ahead must be exactly
 * what a real workspace's plan holds: had it differed, the first provisioning would replace the
 * files (new inodes) and the start-up write would only have cost time.
 */
class NodeFilesAtStartTest {
    @TempDir
    Path temp;

    @Test
    void nodeFilesAreInPlaceBeforeAnyWorkspaceAndProvisioningLeavesThemAsTheyAre() throws Exception {
        try (StubControlPlane cp = new StubControlPlane();
                AgentServices agent = TestAgents.start(cp, temp)) {
            Path node = agent.layout().nodeRoot();
            BwrapRuntime runtime = (BwrapRuntime) agent.runtime();
            TestAgents.await("the node's files written without any workspace", Duration.ofSeconds(10), runtime::nodeFilesInPlace);
            Map<String, FileSeen> before = files(node);
            assertTrue(before.keySet().containsAll(List.of("etc/profile.d/sam-env.sh", "usr/local/bin/git-credential-sam", "etc/gitconfig")),
                    "node files: " + before.keySet());
            assertTrue(before.keySet().stream().noneMatch(p -> Path.of(p).getFileName().toString().startsWith(".")), "no temp file left");
            assertTrue(before.keySet().stream().noneMatch(p -> p.startsWith("etc/sam/")), "no workspace's own file in the node's root");
            assertEquals(0, cp.gitTokenCalls("node-files"), "writing them asked for no token");

            agent.provisioning().accept(TestAgents.request(cp, "ws-one", "acme/app"));
            agent.provisioning().accept(TestAgents.request(cp, "ws-two", "other/lib"));
            TestAgents.awaitState(agent, "ws-one", WorkspaceStatus.READY);
            TestAgents.awaitState(agent, "ws-two", WorkspaceStatus.READY);

            Map<String, FileSeen> after = files(node);
            assertEquals(before.keySet(), after.keySet(), "the same node files");
            for (Map.Entry<String, FileSeen> e : before.entrySet()) {
                FileSeen was = e.getValue();
                FileSeen now = after.get(e.getKey());
                assertArrayEquals(was.bytes(), now.bytes(), e.getKey());
                assertEquals(was.inode(), now.inode(), e.getKey() + " was replaced by the first workspaces");
            }
        }
    }

    private record FileSeen(Object inode, byte[] bytes) {
    }

    private static Map<String, FileSeen> files(Path root) throws IOException {
        Map<String, FileSeen> seen = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                seen.put(root.relativize(p).toString(), new FileSeen(Files.getAttribute(p, "unix:ino"), Files.readAllBytes(p)));
            }
        }
        return seen;
    }
}
