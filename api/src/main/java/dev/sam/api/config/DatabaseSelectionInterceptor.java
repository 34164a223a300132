package dev.sam.api.config;

import java.util.Set;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Chooses the database at runtime: one artifact carries an H2 and a PostgreSQL datasource and persistence unit
 * (db-kind is fixed at build time), and this answers their {@code active} keys from {@code SAM_DB_URL}:
 * a {@code jdbc:postgresql:} URL activates PostgreSQL, anything else (usually nothing) activates H2.
 */
@Priority(Priorities.APPLICATION)
public final class DatabaseSelectionInterceptor implements ConfigSourceInterceptor {
    public static final String DB_URL = "SAM_DB_URL";
    private static final Set<String> POSTGRESQL_KEYS = Set.of(
            "quarkus.datasource.postgresql.active", "quarkus.datasource.\"postgresql\".active",
            "quarkus.hibernate-orm.postgresql.active", "quarkus.hibernate-orm.\"postgresql\".active",
            "quarkus.flyway.postgresql.active", "quarkus.flyway.\"postgresql\".active");
    private static final Set<String> H2_KEYS = Set.of(
            "quarkus.datasource.h2.active", "quarkus.datasource.\"h2\".active",
            "quarkus.hibernate-orm.h2.active", "quarkus.hibernate-orm.\"h2\".active",
            "quarkus.flyway.h2.active", "quarkus.flyway.\"h2\".active");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        boolean pg = POSTGRESQL_KEYS.contains(name);
        if (!pg && !H2_KEYS.contains(name)) {
            return context.proceed(name);
        }
        boolean postgresqlSelected = isPostgresql(context.proceed(DB_URL));
        return ConfigValue.builder().withName(name).withValue(String.valueOf(pg == postgresqlSelected))
                .withConfigSourceName("SAM database selection").build();
    }

    static boolean isPostgresql(ConfigValue url) {
        return url != null && url.getValue() != null && url.getValue().startsWith("jdbc:postgresql:");
    }
}
