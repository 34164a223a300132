package dev.sam.bootstrap;

import dev.sam.bootstrap.fs.PlanApplier;
import dev.sam.bootstrap.fs.PlanApplyException;
import dev.sam.bootstrap.plan.BootstrapPlan;
import dev.sam.contract.bootstrap.TokenEnvNames;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.HelperConfigKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a plan and applies it under a directory: {@code RenderMain <root-dir> < input}. The
 * input, on stdin so that no secret is ever an argument, is a static env file: the workspace's
 * {@code SAM_*} names and {@code GH_TOKEN} as in {@link EnvNames}, the helper's
 * {@code SAM_AGENT_URL} and {@code SAM_EXTRA_HOSTS}, {@code SAM_GH_TOKEN_EXPIRES_AT} (ISO-8601),
 * plus {@link #CREDENTIAL}, {@link #UID}, {@link #GID}; any other key becomes an extra env value.
 * Prints the written host paths. Used by bench/shell-startup.sh and the demo.
 */
public final class RenderMain {
    public static final String CREDENTIAL = "SAM_WORKSPACE_CREDENTIAL";
    public static final String UID = "SAM_WORKSPACE_UID";
    public static final String GID = "SAM_WORKSPACE_GID";

    private RenderMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RenderMain <root-dir> < input.env");
            System.exit(64);
        }
        try {
            WorkspaceBootstrap w = parse(EnvFile.read(System.in.readAllBytes()));
            BootstrapPlan plan = BootstrapRenderer.render(w);
            for (Path p : PlanApplier.forCurrentUser().apply(Path.of(args[0]), plan)) {
                System.out.println(p);
            }
        } catch (BootstrapException e) {
            fail(e.reason().code(), e.getMessage());
        } catch (PlanApplyException e) {
            fail(e.reason().code(), e.getMessage());
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) { // EnvFileException, bad number, bad date
            fail("invalid_request", e.getMessage());
        }
    }

    static WorkspaceBootstrap parse(Map<String, String> input) {
        Map<String, String> in = new LinkedHashMap<>(input);
        String hosts = in.remove(HelperConfigKeys.EXTRA_HOSTS);
        String expiry = in.remove(TokenEnvNames.GH_TOKEN_EXPIRES_AT);
        return new WorkspaceBootstrap(
                in.remove(EnvNames.SAM_WORKSPACE_ID),
                in.remove(EnvNames.SAM_REPOSITORY),
                in.remove(EnvNames.SAM_BRANCH),
                in.remove(EnvNames.SAM_NODE_ID),
                in.remove(EnvNames.SAM_API_URL),
                in.remove(EnvNames.SAM_WORKSPACE_URL),
                Optional.ofNullable(in.remove(EnvNames.GH_TOKEN)),
                Optional.ofNullable(expiry).filter(s -> !s.isEmpty()).map(Instant::parse),
                in.remove(HelperConfigKeys.AGENT_URL),
                in.remove(CREDENTIAL),
                Integer.parseInt(in.getOrDefault(UID, "0")),
                Integer.parseInt(in.getOrDefault(GID, "0")),
                hosts == null || hosts.isBlank() ? List.of() : Arrays.asList(hosts.trim().split(" +")),
                without(in, UID, GID));
    }

    private static Map<String, String> without(Map<String, String> in, String... keys) {
        Map<String, String> rest = new LinkedHashMap<>(in);
        for (String k : keys) {
            rest.remove(k);
        }
        return rest;
    }

    private static void fail(String reason, String message) {
        System.err.println("render failed (" + reason + "): " + message);
        System.exit(2);
    }
}
