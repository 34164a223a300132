package dev.sam.bootstrap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test inputs. */
public final class Workspaces {
    public static final String CREDENTIAL = "wscred_0123456789abcdef";
    public static final Instant EXPIRY = Instant.parse("2026-12-03T17:00:00Z");

    private Workspaces() {
    }

    /** A workspace whose GH_TOKEN, SAM_BRANCH and extra SAM_TEST_EXTRA all hold {@code value}. */
    public static WorkspaceBootstrap withValue(String value, int uid, int gid) {
        return new WorkspaceBootstrap("ws-1", "octo/repo", value, "node-1", "https://api.example.test",
                "https://ws-1.example.test", Optional.of(value), Optional.of(EXPIRY), "http://127.0.0.1:9100",
                CREDENTIAL, uid, gid, List.of("ghe.example.com"), Map.of("SAM_TEST_EXTRA", value));
    }

    /** A workspace with no token yet. */
    public static WorkspaceBootstrap withoutToken(int uid, int gid) {
        return new WorkspaceBootstrap("ws-1", "octo/repo", "main", "node-1", "https://api.example.test",
                "https://ws-1.example.test", Optional.empty(), Optional.empty(), "http://127.0.0.1:9100",
                CREDENTIAL, uid, gid, List.of(), Map.of());
    }
}
