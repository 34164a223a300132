package dev.sam.e2e;

import dev.sam.e2e.stack.LocalStack;
import dev.sam.e2e.stack.StackArtifacts;
import dev.sam.e2e.stack.StackOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts one {@link LocalStack} per test class (the built emulator, API and agent on free ports),
 * injects it as a parameter, prints every service's log when a test fails, and stops everything
 * after the class, checking that no process of the stack (nor any workspace sandbox) is left.
 */
public final class LocalStackExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver, TestWatcher {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalStackExtension.class);
    private static final int LOG_LINES_ON_FAILURE = 150;
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(5);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        StackSettings settings = testClass.getAnnotation(StackSettings.class);
        StackOptions options = StackOptions.defaults();
        if (settings != null) {
            options = options.withTokenLifetime(Duration.ofSeconds(settings.tokenLifetimeSeconds()))
                    .withAgentSettings(pairs(settings.agent())).withApiSettings(pairs(settings.api()));
            String postgres = System.getenv("SAM_TEST_POSTGRES");
            if (settings.postgresWhenAvailable() && postgres != null && !postgres.isBlank()) {
                String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                options = withPostgres(options, postgres, schema);
                context.getStore(NS).put(RunSchema.class, new RunSchema(options.postgresUrl().orElseThrow(), schema));
            }
        }
        Path runs = Path.of(System.getProperty("sam.e2e.runs", "target/e2e-runs"));
        Path runDir = runs.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + testClass.getSimpleName());
        LocalStack stack = LocalStack.start(StackArtifacts.of(StackArtifacts.findRoot()), options, runDir, LocalStack.Progress.QUIET);
        context.getStore(NS).put(LocalStack.class, stack);
    }

    @Override
    public void afterAll(ExtensionContext context) throws java.io.IOException {
        LocalStack stack = context.getStore(NS).remove(LocalStack.class, LocalStack.class);
        if (stack != null) {
            List<Long> before = stack.pids();
            stack.close();
            List<String> left = stillRunning(before, ORPHAN_GRACE);
            if (!left.isEmpty()) {
                throw new AssertionError("processes of the stack still running " + ORPHAN_GRACE.toSeconds() + " s after stop: " + left);
            }
            FileChecks.assertOnlyPrivateLogsLeft(stack.runDir());
        }
        RunSchema schema = context.getStore(NS).remove(RunSchema.class, RunSchema.class);
        if (schema != null) {
            schema.drop();
        }
    }

    /**
     * The processes of {@code pids} still alive once {@code grace} has passed, with their command lines.
     * A process listed before the stop whose parent exited meanwhile (a sandboxed git finishing as the
     * test ends) is no longer a descendant when the stop collects its tree; it gets the same grace as
     * the tree does, then counts as left behind.
     */
    private static List<String> stillRunning(List<Long> pids, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> alive;
        do {
            alive = pids.stream().map(ProcessHandle::of).flatMap(Optional::stream).filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                return List.of();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        return alive.stream().map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        LocalStack stack = context.getParent().flatMap(p -> Optional.ofNullable(p.getStore(NS).get(LocalStack.class, LocalStack.class)))
                .orElse(null);
        if (stack == null) {
            return;
        }
        StringBuilder sb = new StringBuilder("\n==== service logs for failed test " + context.getDisplayName() + " ====\n");
        for (Map.Entry<String, Path> log : stack.logs().entrySet()) {
            sb.append("---- ").append(log.getValue()).append(" (last ").append(LOG_LINES_ON_FAILURE).append(" lines) ----\n");
            try {
                List<String> lines = Files.readAllLines(log.getValue());
                lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        System.err.println(sb);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getStore(NS).get(LocalStack.class) == null && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NS).get(LocalStack.class, LocalStack.class);
    }

    /** A schema of its own per run, so runs never see each other's rows; Flyway creates it, {@link RunSchema} drops it. */
    private static StackOptions withPostgres(StackOptions options, String configured, String schema) {
        String base = configured.startsWith("jdbc:") ? configured : "jdbc:postgresql://127.0.0.1:5432/test";
        Map<String, String> api = new LinkedHashMap<>(options.apiSettings());
        api.put("QUARKUS_FLYWAY_POSTGRESQL_SCHEMAS", schema);
        api.put("QUARKUS_FLYWAY_POSTGRESQL_DEFAULT_SCHEMA", schema);
        return options.withApiSettings(api).withPostgres(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    private static Map<String, String> pairs(String[] entries) {
        Map<String, String> map = new LinkedHashMap<>();
        Arrays.stream(entries).forEach(e -> map.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        return map;
    }

    /** The run's PostgreSQL schema: dropped after the stack stops, so CI machines do not collect them. */
    private record RunSchema(String jdbcUrl, String name) {
        void drop() {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
                    java.sql.Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            } catch (java.sql.SQLException e) {
                throw new AssertionError("cannot drop the run's schema " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
