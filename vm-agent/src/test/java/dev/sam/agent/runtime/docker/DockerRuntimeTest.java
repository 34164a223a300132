package dev.sam.agent.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sam.agent.AgentServices;
import dev.sam.agent.StubControlPlane;
import dev.sam.agent.TestAgents;
import dev.sam.agent.runtime.ProcessSpec;
import dev.sam.bootstrap.env.ProfileScriptRenderer;
import dev.sam.contract.agent.WorkspaceStatus;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.WorkspacePaths;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker runtime against a stand-in CLI that records argv and stdin: bytes go in on stdin, secrets never in argv. */
class DockerRuntimeTest {
    @TempDir
    Path temp;

    @Test
    void filesTravelOnStdinAndNoSecretIsInAnyArgv() throws Exception {
        Path script = temp.resolve("fake-docker.sh");
        try (InputStream in = getClass().getResourceAsStream("fake-docker.sh")) {
            Files.write(script, in.readAllBytes());
        }
        Path record = temp.resolve("record");
        Files.createDirectories(record);
        // The stand-in learns where to record through a wrapper named docker (the agent passes it no env of its own).
        Path fake = temp.resolve("docker");
        Files.writeString(fake, "#!/bin/sh\nFAKE_DOCKER_DIR='" + record + "' exec /bin/bash '" + script + "' \"$@\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> settings;
        try (StubControlPlane cp = new StubControlPlane()) {
            settings = TestAgents.fastSettings(cp, TestAgents.dataDir(temp));
            settings.put("sam.agent.runtime", "docker");
            settings.put("sam.agent.docker-command", fake.toString());
            try (AgentServices agent = AgentServices.start(TestAgents.config(settings), Clock.systemUTC())) {
                agent.provisioning().accept(TestAgents.request(cp, "ws-d", "acme/app"));
                WorkspaceStatus s = TestAgents.awaitState(agent, "ws-d", WorkspaceStatus.READY);
                assertEquals(WorkspaceStatus.CREDENTIALS_LIVE, s.credentials());
                String token = cp.tokensIssued("ws-d").get(0);

                byte[] envBytes = Files.readAllBytes(record.resolve("fs" + WorkspacePaths.ENV_FILE));
                assertEquals(token, EnvFile.read(envBytes).get(EnvNames.GH_TOKEN));
                assertEquals("0:1000 640", Files.readString(record.resolve("fs" + WorkspacePaths.ENV_FILE + ".meta")).strip());
                String credential = Files.readString(record.resolve("fs" + WorkspacePaths.WORKSPACE_CREDENTIAL));
                assertEquals("1000:1000 600", Files.readString(record.resolve("fs" + WorkspacePaths.WORKSPACE_CREDENTIAL + ".meta")).strip());
                // The live profile script goes in next to the stub /etc/profile reads (the stub alone sources nothing).
                String profile = Files.readString(record.resolve("fs" + WorkspacePaths.PROFILE_SCRIPT));
                assertTrue(profile.contains("  GH_TOKEN='" + token + "'\n"), "token in " + WorkspacePaths.PROFILE_SCRIPT);
                assertEquals("0:1000 640", Files.readString(record.resolve("fs" + WorkspacePaths.PROFILE_SCRIPT + ".meta")).strip());
                assertArrayEquals(ProfileScriptRenderer.stub(), Files.readAllBytes(record.resolve("fs" + WorkspacePaths.PROFILE_STUB)));
                assertEquals("0:0 644", Files.readString(record.resolve("fs" + WorkspacePaths.PROFILE_STUB + ".meta")).strip());
                // The last write of the env file carried exactly these bytes on stdin.
                List<byte[]> envWrites = new ArrayList<>();
                for (Path argv : calls(record)) {
                    String a = Files.readString(argv);
                    if (a.contains("sam-write\0" + WorkspacePaths.ENV_FILE + "\0")) {
                        envWrites.add(Files.readAllBytes(Path.of(argv.toString().replace(".argv", ".stdin"))));
                    }
                }
                assertEquals(1, envWrites.size(), "written once, with the token");
                assertArrayEquals(envBytes, envWrites.get(envWrites.size() - 1));

                Process p = agent.runtime().start("ws-d", ProcessSpec.of(List.of("printenv", "GH_TOKEN"),
                        Map.of(EnvNames.GH_TOKEN, token, "PATH", "/usr/bin:/bin"), "/workspace"));
                p.getOutputStream().close();
                assertTrue(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("ran: printenv GH_TOKEN"));
                assertEquals(0, p.waitFor());
                Path lastCall = calls(record).get(calls(record).size() - 1);
                String base = lastCall.toString().replace(".argv", "");
                assertEquals("600", Files.readString(Path.of(base + ".envfile-mode")).strip());
                assertTrue(Files.readString(Path.of(base + ".envfile")).contains(EnvNames.GH_TOKEN + "=" + token + "\n"));

                for (Path argv : calls(record)) {
                    String a = Files.readString(argv);
                    assertFalse(a.contains(token), "token in argv of " + argv);
                    assertFalse(a.contains(credential), "credential in argv of " + argv);
                    assertFalse(a.contains("\0-e\0"), "env passed with -e in " + argv);
                }
            }
        }
    }

    private static List<Path> calls(Path record) throws Exception {
        try (Stream<Path> s = Files.list(record.resolve("calls"))) {
            return s.filter(p -> p.toString().endsWith(".argv")).sorted().toList();
        }
    }
}
