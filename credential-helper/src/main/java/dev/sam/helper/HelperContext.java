package dev.sam.helper;

import dev.sam.contract.workspace.WorkspacePaths;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a command may read from its process: stdin and the config file's location. Nothing else
 * from the environment influences the helper.
 */
public record HelperContext(InputStream stdin, Path configFile) {
    public HelperContext {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(configFile, "configFile");
    }

    /** The real process: {@link WorkspacePaths#HELPER_CONFIG}, unless {@link WorkspacePaths#HELPER_CONFIG_ENV} names another file. */
    public static HelperContext fromProcess() {
        String override = System.getenv(WorkspacePaths.HELPER_CONFIG_ENV);
        String file = override == null || override.isEmpty() ? WorkspacePaths.HELPER_CONFIG : override;
        return new HelperContext(System.in, Path.of(file));
    }
}
