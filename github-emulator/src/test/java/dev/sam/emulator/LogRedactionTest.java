package dev.sam.emulator;

import dev.sam.contract.secret.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogRedactionTest {
    final List<String> lines = new ArrayList<>();
    final Logger logger = Logger.getLogger("dev.sam.emulator");
    final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            lines.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void unlisten() {
        logger.removeHandler(capture);
    }

    @Test
    void mintsOfBothFormatsAreLoggedWithoutTheToken() {
        List<String> tokens = new ArrayList<>();
        try (GitHubEmulator emu = GitHubEmulator.start()) {
            emu.registerApp(TestApp.APP_ID, TestApp.KEYS.getPublic());
            emu.addInstallation(11, "acme", Map.of("contents", "read"), List.of("acme/api"));
            GitHubHttp http = new GitHubHttp(emu.baseUri());
            emu.enqueueFaults(Fault.status(503));
            http.mint(11, TestApp.jwt(), null);
            for (TokenFormat format : TokenFormat.values()) {
                emu.setTokenFormat(format);
                tokens.add(GitHubHttp.json(http.mint(11, TestApp.jwt(), null)).get("token").asText());
            }
            http.get("/installation/repositories", "token " + tokens.get(0));
        }

        List<String> seen;
        synchronized (capture) {
            seen = List.copyOf(lines);
        }
        assertTrue(seen.stream().filter(l -> l.startsWith("minted token")).count() == 2, "both mints logged: " + seen);
        assertTrue(seen.stream().anyMatch(l -> l.contains("fault status(503)")), "fault logged: " + seen);
        for (String line : seen) {
            assertFalse(Redactor.containsToken(line), line);
            tokens.forEach(t -> assertFalse(line.contains(t.substring(4, 20)), line));
        }
    }
}
