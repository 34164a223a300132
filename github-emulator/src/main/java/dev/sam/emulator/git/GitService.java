package dev.sam.emulator.git;

import java.util.Optional;

/** The two git services of smart HTTP. */
public enum GitService {
    UPLOAD_PACK("git-upload-pack"),
    RECEIVE_PACK("git-receive-pack");

    private final String wireName;

    GitService(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The service a request asks for: the {@code service} query parameter of the ref
     * advertisement, or the last path segment of the RPC.
     */
    static Optional<GitService> of(String pathTail, String query) {
        String asked = null;
        if (pathTail.equals("/info/refs") && query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("service=")) {
                    asked = pair.substring("service=".length());
                }
            }
        } else if (pathTail.startsWith("/")) {
            asked = pathTail.substring(1);
        }
        for (GitService s : values()) {
            if (s.wireName.equals(asked)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
