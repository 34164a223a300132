package dev.sam.agent.workspace;

import java.util.regex.Pattern;

/**
 * Workspace ids name directories on the host, so only a conservative shape is accepted: no path
 * separators, no {@code ..}, no control characters, at most {@value #MAX_LENGTH} characters.
 */
public final class WorkspaceId {
    public static final int MAX_LENGTH = 64;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private WorkspaceId() {
    }

    public static boolean isValid(String id) {
        return id != null && SHAPE.matcher(id).matches() && !id.contains("..");
    }
}
