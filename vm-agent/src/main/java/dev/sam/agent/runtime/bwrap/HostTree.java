package dev.sam.agent.runtime.bwrap;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The host's file tree as the sandbox builder needs to see it. A seam so the layout can be tested on a fake tree. */
public interface HostTree {
    boolean exists(String path);

    /** Absolute paths of the entries of a directory, sorted. */
    List<String> list(String dir);

    /** The link target when {@code path} is a symbolic link. */
    Optional<String> symlinkTarget(String path);

    /** The real file system. */
    static HostTree real() {
        return new HostTree() {
            @Override
            public boolean exists(String path) {
                return Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS);
            }

            @Override
            public List<String> list(String dir) {
                List<String> out = new ArrayList<>();
                try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of(dir))) {
                    for (Path p : s) {
                        out.add(p.toString());
                    }
                } catch (IOException e) {
                    return List.of();
                }
                out.sort(null);
                return out;
            }

            @Override
            public Optional<String> symlinkTarget(String path) {
                Path p = Path.of(path);
                if (!Files.isSymbolicLink(p)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readSymbolicLink(p).toString());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        };
    }
}
