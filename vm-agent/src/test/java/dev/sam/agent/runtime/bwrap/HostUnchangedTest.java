package dev.sam.agent.runtime.bwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.contract.agent.WorkspaceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisioning and running processes create nothing on the host outside the workspace's own directory. */
class HostUnchangedTest {
    @TempDir
    Path temp;

    @Test
    void hostEtcAndUsrLocalBinAreUnchanged() throws Exception {
        String before = fingerprint(List.of(Path.of("/etc"), Path.of("/usr/local/bin"), Path.of("/opt"), Path.of("/home")));
        try (StubControlPlane cp = new StubControlPlane();
                AgentServices agent = TestAgents.start(cp, temp)) {
            agent.provisioning().accept(TestAgents.request(cp, "ws-host", "acme/app"));
            TestAgents.awaitState(agent, "ws-host", WorkspaceStatus.READY);
            var r = TestAgents.run(agent, "ws-host", List.of("sh", "-c",
                    "cat /etc/sam/env >/dev/null && ls -l /usr/local/bin/git-credential-sam /etc/gitconfig && touch /workspace/made-inside "
                            + "&& (touch /etc/x 2>/dev/null; touch /usr/local/bin/x 2>/dev/null; true)"), Map.of());
            assertEquals(0, r.exit(), r.stderr());
        }
        assertEquals(before, fingerprint(List.of(Path.of("/etc"), Path.of("/usr/local/bin"), Path.of("/opt"), Path.of("/home"))));
    }

    /** A hash over every path, type, size and mtime below the given directories (contents of small files too). */
    static String fingerprint(List<Path> dirs) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (Path dir : dirs) {
            try (Stream<Path> s = Files.walk(dir, 3)) {
                for (Path p : s.sorted().toList()) {
                    md.update(p.toString().getBytes());
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        md.update(Long.toString(Files.size(p)).getBytes());
                        md.update(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toString().getBytes());
                    }
                }
            } catch (java.io.UncheckedIOException ignored) {
                // Unreadable corners of the host tree are the same before and after.
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
