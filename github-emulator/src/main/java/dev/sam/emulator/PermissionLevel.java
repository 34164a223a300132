package dev.sam.emulator;

import java.util.Map;
import java.util.Optional;

/** GitHub App permission levels, ordered so that a grant covers every level below it. */
enum PermissionLevel {
    READ, WRITE, ADMIN;

    static Optional<PermissionLevel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "read" -> Optional.of(READ);
            case "write" -> Optional.of(WRITE);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }

    /** True when every requested permission is granted at the same or a higher level. */
    static boolean covers(Map<String, String> granted, Map<String, String> requested) {
        for (Map.Entry<String, String> want : requested.entrySet()) {
            Optional<PermissionLevel> wanted = parse(want.getValue());
            Optional<PermissionLevel> has = parse(granted.get(want.getKey()));
            if (wanted.isEmpty() || has.isEmpty() || wanted.get().compareTo(has.get()) > 0) {
                return false;
            }
        }
        return true;
    }

    static void requireValid(Map<String, String> permissions) {
        permissions.forEach((name, level) -> {
            if (parse(level).isEmpty()) {
                throw new IllegalArgumentException("permission " + name + " has level " + level
                        + "; expected read, write or admin");
            }
        });
    }
}
