package dev.sam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.WorkspacePaths;
import dev.sam.e2e.session.AcpSession;
import dev.sam.e2e.session.PtySession;
import dev.sam.e2e.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cause 4 of the original report: tokens die (here after 60 s instead of an hour, with the agent's
 * and the API's margins scaled down alike). For well over two lifetimes, a terminal opened at the
 * start keeps fetching with git and getting a live token from {@code gh auth token} (the gh shim),
 * and every new terminal and coding agent starts with a live token.
 */
@ExtendWith(LocalStackExtension.class)
@StackSettings(tokenLifetimeSeconds = 60,
        agent = {"SAM_AGENT_REFRESH_MARGIN=40s", "SAM_AGENT_SERVE_MARGIN=20s", "SAM_AGENT_REFRESH_CHECK_INTERVAL=2s"},
        api = {"SAM_GITHUB_TOKEN_MIN_REMAINING=25s"})
class TokenExpiryIT {
    static final long INSTALLATION = 95_001;
    static final String REPO = "acme/longlived";
    static final Duration RUN_FOR = Duration.ofSeconds(150);
    static final Duration EVERY = Duration.ofSeconds(15);
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void oldTerminalAndNewSessionsKeepLiveTokens(LocalStack stack) throws Exception {
        URI url = stack.serveRepository(REPO, SeedRepository.create(stack.runDir().resolve("seeds"), REPO));
        stack.addInstallation(INSTALLATION, "acme", List.of(REPO));
        String id = stack.createWorkspace(REPO, INSTALLATION);
        stack.awaitReady(id, Duration.ofMinutes(3));
        Set<String> seen = new LinkedHashSet<>();
        Set<String> tokens = new LinkedHashSet<>();

        try (PtySession old = stack.openPty(id)) {
            assertEquals(0, old.type("git clone -q -c http.sslCAInfo=" + stack.caPem() + " " + url + " /workspace/repo", WAIT).exitCode());
            Instant end = Instant.now().plus(RUN_FOR);
            int round = 0;
            while (Instant.now().isBefore(end)) {
                Instant next = Instant.now().plus(EVERY);
                PtySession.Typed fetch = old.type("git -C /workspace/repo fetch -q origin 2>&1", WAIT);
                assertEquals(new PtySession.Typed(0, ""), fetch, "git fetch in the terminal opened at the start, round " + round);
                seen.add(assertLive(stack, old.type("gh auth token | tr -d '\\n' | sha256sum | cut -d' ' -f1", WAIT), "gh in the old terminal"));
                try (PtySession fresh = stack.openPty(id)) {
                    seen.add(assertLive(stack, fresh.type("printf %s \"$GH_TOKEN\" | sha256sum | cut -d' ' -f1", WAIT), "a new terminal"));
                }
                if (round % 3 == 0) {
                    try (AcpSession acp = stack.openAcp(id)) {
                        String prefix = acp.environmentReport().get("gh_token_sha256_12");
                        assertTrue(stack.issuedTokens().stream().anyMatch(t -> t.path("sha256").asText().startsWith(prefix)
                                && Instant.parse(t.path("expires_at").asText()).isAfter(Instant.now())), "a new coding agent's token is live");
                    }
                }
                tokens.add(EnvFile.read(Files.readAllBytes(stack.hostPath(id, WorkspacePaths.ENV_FILE))).get(EnvNames.GH_TOKEN));
                round++;
                while (Instant.now().isBefore(next)) {
                    Thread.sleep(250); // the passing of time is what this test is about
                }
            }
        }
        assertTrue(seen.size() >= 2, "tokens were replaced while the test ran: " + seen.size());
        SecretsHygiene.assertNoLeak(stack, tokens, List.of(stack.hostPath(id, WorkspacePaths.SAM_GITCONFIG),
                stack.hostPath(id, "/work/repo/.git/config")));
    }

    /** The typed output is a token hash the emulator issued for this repository and that is still live now. */
    private static String assertLive(LocalStack stack, PtySession.Typed typed, String where) {
        assertEquals(0, typed.exitCode(), where);
        Instant now = Instant.now();
        JsonNode issued = stack.issuedTokens().stream().filter(t -> t.path("sha256").asText().equals(typed.output())).findFirst()
                .orElseThrow(() -> new AssertionError(where + ": not a token the emulator issued"));
        assertTrue(Instant.parse(issued.path("expires_at").asText()).isAfter(now), where + ": expired token " + issued);
        assertEquals(REPO, issued.path("repositories").get(0).asText());
        return typed.output();
    }
}
