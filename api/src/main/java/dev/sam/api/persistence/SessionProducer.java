package dev.sam.api.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.hibernate.Session;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;

/**
 * The one {@link Session} the rest of the code injects: the H2 or the PostgreSQL persistence unit, whichever
 * configuration activated (see {@code DatabaseSelectionInterceptor}). Panache is not used because Panache entities
 * can belong to only one persistence unit, and ours belong to both.
 */
public class SessionProducer {
    @Inject
    @PersistenceUnit("h2")
    InjectableInstance<Session> h2;

    @Inject
    @PersistenceUnit("postgresql")
    InjectableInstance<Session> postgresql;

    @Produces
    @ApplicationScoped
    Session session() {
        if (postgresql.getHandle().getBean().isActive()) {
            return postgresql.get();
        }
        if (h2.getHandle().getBean().isActive()) {
            return h2.get();
        }
        throw new IllegalStateException("no active persistence unit: check SAM_DB_URL");
    }
}
