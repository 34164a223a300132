package dev.sam.agent.runtime.bwrap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes bubblewrap's mount arguments so the workspace's own files appear at their real paths
 * over a read-only view of the host, without creating anything on the host.
 *
 * <p>Why not simply {@code --ro-bind / /} plus binds: a bind needs its mount point to exist, and
 * bwrap would have to create e.g. {@code /etc/sam} inside a read-only host {@code /etc}. So every
 * host directory whose child on the way to a destination is missing is "shadowed": a tmpfs (the
 * sandbox root is one already) in which the host's entries are bound one by one, and the missing
 * path is then created inside the tmpfs. Shadowed directories are remounted read-only at the end.
 * Hidden paths (the agent's data directory, which holds every other workspace) never appear.
 *
 * <p>A bind pins what it binds for the life of the sandbox: a file bound alone keeps its inode
 * when the source is renamed over, a directory bind shows renames inside it. So a {@link Mount} of
 * a single file must be one whose bytes never change; the caller binds whatever changes as a
 * directory ({@code BwrapRuntime}). Host entries of a shadowed directory are bound one by one as
 * well; they are the host's system, static for the life of a sandbox.
 */
public final class SandboxLayout {
    /** One mount wanted inside the sandbox. */
    public record Mount(String source, String destination, boolean writable) {
    }

    private static final Set<String> ROOT_SPECIALS = Set.of("/proc", "/dev", "/tmp");

    private SandboxLayout() {
    }

    public static List<String> arguments(HostTree host, List<Mount> mounts, List<String> hidden) {
        Set<String> destinations = new LinkedHashSet<>();
        for (Mount m : mounts) {
            destinations.add(m.destination());
        }
        TreeSet<String> shadowed = new TreeSet<>(Comparator.comparingInt(SandboxLayout::depth).thenComparing(s -> s));
        shadowed.add("/");
        for (String dest : destinations) {
            String missingParent = firstMissingParent(host, dest);
            if (missingParent != null) {
                shadowed.add(missingParent);
            }
        }
        List<String> args = new ArrayList<>();
        for (String dir : shadowed) {
            if (!dir.equals("/")) {
                args.add("--tmpfs");
                args.add(dir);
            }
            for (String entry : host.list(dir)) {
                if ((dir.equals("/") && ROOT_SPECIALS.contains(entry)) || destinations.contains(entry) || hidden.contains(entry)
                        || shadowed.contains(entry)) {
                    continue;
                }
                var target = host.symlinkTarget(entry);
                if (target.isPresent()) {
                    args.add("--symlink");
                    args.add(target.get());
                    args.add(entry);
                } else {
                    args.add("--ro-bind");
                    args.add(entry);
                    args.add(entry);
                }
            }
        }
        List<Mount> ordered = new ArrayList<>(mounts);
        ordered.sort(Comparator.comparingInt((Mount m) -> depth(m.destination())));
        for (Mount m : ordered) {
            args.add(m.writable() ? "--bind" : "--ro-bind");
            args.add(m.source());
            args.add(m.destination());
        }
        for (String h : hidden) {
            if (host.exists(h) && !shadowed.contains(parent(h))) {
                args.add("--tmpfs");
                args.add(h);
            }
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        List<String> deepestFirst = new ArrayList<>(shadowed.descendingSet());
        for (String dir : deepestFirst) {
            args.add("--remount-ro");
            args.add(dir);
        }
        return args;
    }

    /** The deepest existing ancestor of {@code dest} when some component below it is missing, else null. */
    static String firstMissingParent(HostTree host, String dest) {
        String current = "/";
        for (String part : dest.substring(1).split("/")) {
            String child = current.equals("/") ? "/" + part : current + "/" + part;
            if (!host.exists(child)) {
                return current;
            }
            if (host.symlinkTarget(child).isPresent()) {
                // Never mount through a host symlink: shadow the directory that holds it instead.
                return current;
            }
            current = child;
        }
        return null;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static int depth(String path) {
        return path.equals("/") ? 0 : path.split("/").length - 1;
    }
}
